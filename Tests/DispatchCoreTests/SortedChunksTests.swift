@testable import DispatchCore
import XCTest

/// The chunked sorted set (queues, overdue sets, report times) against a plain sorted
/// array, through enough inserts and removals to split and merge chunks many times.
final class SortedChunksTests: XCTestCase {
    func testMatchesASortedArrayThroughRandomInsertsAndRemovals() {
        var rng = SplitMix(seed: 7)
        var set = CaseIndexSet()
        var members = Set<Int32>()
        for step in 0..<40_000 {
            // Mostly appends (new reports), some inserts in the middle, and many removals
            // (of members and of indices that are not there).
            let v: Int32 = rng.next() % 4 == 0 ? Int32(rng.next() % 30_000) : Int32(30_000 + step)
            if rng.next() % 3 == 0 {
                let gone = Int32(rng.next() % UInt64(30_001 + step))
                set.remove(gone)
                members.remove(gone)
            } else {
                set.insert(v)
                members.insert(v)
            }
            if step % 997 == 0 { check(set, members.sorted()) }
        }
        let reference = members.sorted()
        check(set, reference)
        // Remove nearly everything: small chunks must fold together and stay in order.
        for v in reference.dropLast(10) { set.remove(v) }
        check(set, Array(reference.suffix(10)))
    }

    func testBuiltFromASortedArray() {
        let items = (0..<2_000).map { Int32($0 * 3) }
        var set = CaseIndexSet(sorted: items)
        check(set, items)
        set.insert(4)
        set.remove(0)
        set.remove(5)  // absent: nothing happens
        check(set, [3, 4] + items.dropFirst(2))
    }

    func testACopyDoesNotChangeWhenTheOriginalDoes() {
        var set = CaseIndexSet(sorted: (0..<1_500).map(Int32.init))
        let copy = set
        set.remove(700)
        set.insert(5_000)
        XCTAssertEqual(copy.count, 1_500)
        XCTAssertEqual(Array(copy), (0..<1_500).map(Int32.init))
        XCTAssertEqual(set.count, 1_500)
    }

    func testRangesAcrossChunksMatchAFilter() {
        var rng = SplitMix(seed: 11)
        var set = SortedChunks<ReportTime>()
        var all: [ReportTime] = []
        for i in 0..<5_000 {
            // Backdated reports land anywhere, several at the same millisecond.
            let t = ReportTime(at: Int64(rng.next() % 2_000), index: Int32(i))
            set.insert(t)
            all.append(t)
        }
        all.sort()
        for (from, below) in [(0, 10), (500, 1_500), (1_999, 2_000), (300, 300), (0, 2_000), (1_000, -1), (2_001, -1)] {
            let lower = ReportTime(at: Int64(from), index: .min)
            let upper = below < 0 ? nil : ReportTime(at: Int64(below), index: .min)
            let expected = all.filter { $0.at >= from && (below < 0 || $0.at < below) }
            XCTAssertEqual(set.elements(from: lower, below: upper), expected, "[\(from), \(below))")
        }
        XCTAssertEqual(SortedChunks<ReportTime>().elements(from: ReportTime(at: 0, index: 0), below: nil), [])
    }

    private func check(_ set: CaseIndexSet, _ reference: [Int32], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(set.count, reference.count, file: file, line: line)
        XCTAssertEqual(Array(set), reference, file: file, line: line)
        XCTAssertEqual(set.sorted, reference, file: file, line: line)
        XCTAssertEqual(set.newest(25), Array(reference.suffix(25).reversed()), file: file, line: line)
        for p in [0, 1, reference.count / 3, reference.count / 2, reference.count - 2, reference.count - 1] where p >= 0 && p < reference.count {
            XCTAssertEqual(set[position: p], reference[p], "position \(p)", file: file, line: line)
        }
    }
}
