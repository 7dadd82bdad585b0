import XCTest
@testable import DispatchCore

/// The compact forms the model keeps its cases in: the number index and the record's
/// packed optional times.
final class CaseStorageTests: XCTestCase {
    func testNumbersOnlyTheModelWritesAreFoundByOrdinal() {
        XCTAssertEqual(CaseNumberIndex.ordinal("GW000048"), 48)
        XCTAssertEqual(CaseNumberIndex.ordinal("GW1234567"), 1_234_567)
        for other in ["GW0000048", "GW48", "gw000048", "GW00004a", "GW000000", "GW01234567", "", "GW", "X000048"] {
            XCTAssertNil(CaseNumberIndex.ordinal(other), other)
        }
        // Every ordinal's own number is found, and only that spelling of it.
        for n in [1, 9, 999_999, 1_000_000, 123_456_789] {
            XCTAssertEqual(CaseNumberIndex.ordinal(CaseRecord.number(forOrdinal: n)), n)
        }
    }

    func testTheIndexAgreesWithADictionaryUnderRandomChanges() {
        var index = CaseNumberIndex()
        var expected: [String: Int32] = [:]
        var rng = SystemRandomNumberGenerator()
        let spellings: [(Int) -> String] = [
            { CaseRecord.number(forOrdinal: $0) },
            { "GW0" + String(format: "%06d", $0) },
            { "IMPORT-\($0)" },
        ]
        for step in 0..<20_000 {
            let n = Int.random(in: 1...3_000, using: &rng)
            let number = spellings[Int.random(in: 0..<spellings.count, using: &rng)](n)
            let value: Int32? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : Int32(step)
            index[number] = value
            expected[number] = value
            let probe = spellings[Int.random(in: 0..<spellings.count, using: &rng)](Int.random(in: 1...3_000, using: &rng))
            XCTAssertEqual(index[probe], expected[probe], probe)
        }
        for (number, value) in expected { XCTAssertEqual(index[number], value, number) }
    }

    func testAFarOrdinalDoesNotGrowTheArray() {
        var index = CaseNumberIndex()
        index["GW000001"] = 0
        index["GW9999999999"] = 1
        index["GW999999999"] = 2
        XCTAssertLessThan(index.ordinalSlots, 1_000_000)
        XCTAssertEqual(index["GW9999999999"], 1)
        XCTAssertEqual(index["GW999999999"], 2)
        index["GW999999999"] = nil
        XCTAssertNil(index["GW999999999"])
        XCTAssertEqual(index["GW000001"], 0)
    }

    func testOptionalTimesRoundTripAndClearedRecordsCompareEqual() {
        let fresh = CaseRecord(
            number: "GW000001", ordinal: 1, category: .disputeLabour, level: .yellow, source: .patrol,
            location: "210202001001", title: "t", detail: "", reporter: "r", people: 1, externalId: "",
            reportedAt: Instant(ms: 1), recordedAt: Instant(ms: 2), owner: "210202001001", state: .reported,
            lead: nil, assisting: [], dueAt: Instant(ms: 3), supervision: .none, acceptedAt: nil, resolvedAt: nil,
            closedAt: nil, lastVisit: nil, visits: 0, mergedInto: nil, version: 1, escalations: 0)
        var c = fresh
        XCTAssertNil(c.acceptedAt)
        c.acceptedAt = Instant(ms: 0)
        c.resolvedAt = Instant(ms: -5)
        c.closedAt = Instant(ms: 7)
        XCTAssertEqual(c.acceptedAt, Instant(ms: 0))
        XCTAssertEqual(c.resolvedAt, Instant(ms: -5))
        XCTAssertEqual(c.closedAt, Instant(ms: 7))
        XCTAssertNotEqual(c, fresh)
        c.resolvedAt = nil
        XCTAssertNil(c.resolvedAt)
        XCTAssertEqual(c.closedAt, Instant(ms: 7))
        c.acceptedAt = nil
        c.closedAt = nil
        XCTAssertEqual(c, fresh)
        XCTAssertEqual(c.hashValue, fresh.hashValue)
    }

    /// The model holds one record per case: a field added in the wrong place pads it out.
    func testARecordStaysPacked() {
        XCTAssertLessThanOrEqual(MemoryLayout<CaseRecord>.stride, 256)
    }
}

/// Shortcuts on the path of every report, checked against what they stand for.
final class ReportKeyShortcutTests: XCTestCase {
    func testTheWhiteSpaceShortcutAgreesWithUnicodeForEveryScalar() {
        for v in UInt32(0)...0x10FFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let full = c == " " || c == "\t" || c.properties.isWhitespace && c != "\n" && c != "\r"
            XCTAssertEqual(ReportKey.isTrimmedSpace(c), full, String(v, radix: 16))
        }
        XCTAssertEqual(ReportKey.trimmed("\u{3000}张三 "), "张三")
        XCTAssertEqual(ReportKey.trimmed("张三"), "张三")
    }
}
