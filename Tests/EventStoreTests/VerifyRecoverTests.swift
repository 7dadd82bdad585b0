import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest

final class VerifyRecoverTests: StoreTestCase {
    /// Offsets of each record, from a clean scan.
    func offsets() throws -> [UInt64] {
        LogScanner.scan(Array(try logBytes()[LogFormat.headerSize...]), base: 16).records.map(\.offset)
    }

    func testASoundLogVerifiesAndAnchorsWork() throws {
        let s = try makeStore()
        for i in 0..<5 { try s.execute(alert("t\(i)")) }
        let r = try LogVerifier.verify(path: paths.log)
        XCTAssertNil(r.problem)
        XCTAssertEqual(r.records, Self.units.count + 5)
        XCTAssertEqual(r.head, s.headHash)
        let anchor = s.headHash
        try s.execute(alert("later"))
        XCTAssertEqual(try LogVerifier.verify(path: paths.log, anchor: anchor).anchorFound, true)
        XCTAssertEqual(try LogVerifier.verify(path: paths.log, anchor: String(repeating: "ab", count: 32)).problem,
                       .anchorMissing(String(repeating: "ab", count: 32)))
    }

    func testAChangedBodyWithAFixedUpCRCIsTampering() throws {
        let s = try makeStore()
        try s.execute(alert("原始标题"))
        try s.execute(alert("second"))
        var b = try logBytes()
        let target = try offsets()[Self.units.count]  // the first caseReported
        let payloadStart = Int(target) + LogFormat.recordHeaderSize
        let len = Int(b[Int(target) + 4]) | Int(b[Int(target) + 5]) << 8
        // Replace the title's first character with another of the same UTF-8 length.
        let title = Array("原始标题".utf8)
        guard let at = (payloadStart..<(payloadStart + len)).first(where: { Array(b[$0..<($0 + 3)]) == Array(title[0..<3]) }) else {
            return XCTFail("title not found")
        }
        b.replaceSubrange(at..<(at + 3), with: Array("假".utf8))
        // Recompute the frame CRC so the framing is sound.
        var reframed: [UInt8] = []
        LogFormat.frame(Array(b[payloadStart..<(payloadStart + len)]), commit: true, into: &reframed)
        b.replaceSubrange(Int(target)..<(payloadStart + len), with: reframed)
        try Data(b).write(to: URL(fileURLWithPath: paths.log))
        let r = try LogVerifier.verify(path: paths.log)
        XCTAssertEqual(r.problem, .tampered(seq: UInt64(Self.units.count + 1), offset: target))
    }

    func testRecoverCopiesAsideAndReportsLostSequences() throws {
        let s = try makeStore()
        for i in 0..<6 { try s.execute(alert("t\(i)")) }
        var b = try logBytes()
        let damaged = try offsets()[Self.units.count + 2]  // seq units+3
        for i in 0..<4 { b[Int(damaged) + 20 + i] = 0xEE }
        try Data(b).write(to: URL(fileURLWithPath: paths.log))
        guard case .damaged(let offset, _)? = try LogVerifier.verify(path: paths.log).problem else { return XCTFail("undetected") }
        XCTAssertEqual(offset, damaged)
        // A new writer (as `raise` is) reads the whole log and refuses to append after damage.
        XCTAssertThrowsError(try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet).execute(alert("refused"))) { e in
            guard case .corrupt(let why)? = e as? StoreError else { return XCTFail("\(e)") }
            XCTAssertTrue(why.contains("is damaged at byte offset \(damaged) "), why)
            XCTAssertTrue(why.contains("gridwatch recover"), "says how to repair it: \(why)")
        }
        XCTAssertTrue(try logBytes() == b, "a writer refuses and leaves the file as it was")

        let report = try LogRecovery.recover(paths: paths)
        XCTAssertEqual(report.lostSequences, [UInt64(Self.units.count + 3)])
        XCTAssertEqual(report.kept, Self.units.count + 5)
        XCTAssertEqual(report.renumbered, 3)
        let copy = try XCTUnwrap(report.damagedCopy)
        XCTAssertTrue(Array(try Data(contentsOf: URL(fileURLWithPath: copy))) == b, "the damaged original is kept")
        let after = try LogVerifier.verify(path: paths.log)
        XCTAssertNil(after.problem)
        XCTAssertEqual(after.records, Self.units.count + 5)
        let store = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet)
        XCTAssertEqual(store.model.cases.map(\.title), ["t0", "t1", "t3", "t4", "t5"])
        let next = try store.execute(alert("after recovery"))
        XCTAssertEqual(next.first?.event.body.caseNumber, "GW000007", "numbers are never reused")
        XCTAssertEqual(try LogRecovery.recover(paths: paths).repaired, false)
    }
}
