import DispatchCore
import XCTest

/// The JSON Lines intake parser: good lines become alerts, bad ones a clear reason.
final class IntakeTests: XCTestCase {
    func parse(_ s: String) throws -> NewCase { try IntakeLine.parse(ArraySlice(Array(s.utf8))) }

    func reason(_ s: String) -> String? {
        do { _ = try IntakeLine.parse(ArraySlice(Array(s.utf8))); return nil } catch { return error.description }
    }

    func testAGoodLine() throws {
        let a = try parse(#"{"unit":"210203004001001","category":"dispute.labour","level":"orange","title":"欠薪\u0020讨要","people":12,"reporter":"王某","external_id":"hr-77","reported_at":"2026-11-27T08:00:00+08:00","source":"hotline"}"#)
        XCTAssertEqual(a.location, "210203004001001")
        XCTAssertEqual(a.category, .disputeLabour)
        XCTAssertEqual(a.level, .orange)
        XCTAssertEqual(a.title, "欠薪 讨要")
        XCTAssertEqual(a.people, 12)
        XCTAssertEqual(a.source, .hotline)
        XCTAssertEqual(a.reportedAt, ISOTime.parse("2026-11-27T00:00:00Z"))
    }

    func testBadLinesSayWhy() {
        let table: [(String, String)] = [
            ("not json", "not a JSON object"),
            ("{}", "missing field 'unit'"),
            ("null", "not a JSON object"),
            (#"{"unit":"1","category":"x","level":"red","title":"t"}"#, "unknown category"),
            (#"{"unit":"1","category":"petition","level":"pink","title":"t"}"#, "unknown level"),
            (#"{"unit":1,"category":"petition","level":"red","title":"t"}"#, "'unit' must be a string"),
            (#"{"unit":"1","category":"petition","level":"red","title":"t","people":1e99}"#, "people must be a whole number"),
            (#"{"unit":"1","category":"petition","level":"red","title":"t","people":-3}"#, "people must be a whole number"),
            (#"{"unit":"1","category":"petition","level":"red","title":"t","colour":"red"}"#, "unknown field 'colour'"),
            (#"{"unit":"1","category":"petition","level":"red","title":{"a":1}}"#, "must be a plain value"),
            (#"{"unit":"1","category":"petition","level":"red","title":"a\u0000b"}"#, "NUL"),
            (#"{"unit":"1","unit":"2"}"#, "appears twice"),
            (#"{"unit":"1","category":"petition","level":"red","title":"t"} x"#, "unexpected text"),
            (#"{"unit":"1","category":"petition","level":"red","title":"t","reported_at":"yesterday"}"#, "reported_at 'yesterday' is not a time"),
            (#"{"title":"\ud800"}"#, "unpaired surrogate"),
        ]
        for (line, expected) in table {
            guard let why = reason(line) else { XCTFail("accepted: \(line)"); continue }
            XCTAssertTrue(why.contains(expected), "\(line): \(why)")
        }
    }

    func testHostileShapesAreRefusedQuickly() {
        XCTAssertNotNil(reason(String(repeating: "[", count: 100_000)))
        XCTAssertNotNil(reason(#"{"title":"# + String(repeating: "[", count: 100_000)))
        let huge = #"{"unit":"1","category":"petition","level":"red","title":""# + String(repeating: "x", count: 1_000_000) + #""}"#
        XCTAssertTrue(reason(huge)?.contains("too long") == true)
        var invalid = Array(#"{"unit":"1","category":"petition","level":"red","title":""#.utf8)
        invalid += [0xFF, 0xFE, 0x22, 0x7D]
        XCTAssertTrue((try? IntakeLine.parse(ArraySlice(invalid))) == nil)
    }

    func testCRLFAndControlTextAreKeptExactly() throws {
        let a = try parse(#"{"unit":"1","category":"petition","level":"red","title":"\u001b]0;X\u0007 \u001b[2J \u202e"}"# + "\r")
        XCTAssertEqual(a.title, "\u{1B}]0;X\u{07} \u{1B}[2J \u{202E}")
    }

    func testISOTimes() {
        XCTAssertEqual(ISOTime.parse("1970-01-01T00:00:00Z"), Instant(ms: 0))
        XCTAssertEqual(ISOTime.parse("2026-11-27T16:30:00.250+08:00")?.iso8601, "2026-11-27T08:30:00.250Z")
        XCTAssertEqual(ISOTime.parse("2026-11-27")?.iso8601, "2026-11-27T00:00:00.000Z")
        for bad in ["2026-02-30T00:00:00Z", "2026-13-01", "2026-11-27T25:00:00Z", "2026-11-27T10:00:00", "", "2026-11-27T10:00:00.Z"] {
            XCTAssertNil(ISOTime.parse(bad), bad)
        }
        XCTAssertEqual(ISOTime.format(Instant(ms: 1_800_000_000_123)), "2027-01-15T08:00:00.123Z")
        let now = Instant(ms: 1_800_000_000_000)
        XCTAssertEqual(TimeInput.parse("+2h", now: now), now.adding(.hours(2)))
        XCTAssertEqual(TimeInput.parse("-7d", now: now), now.adding(.days(-7)))
        XCTAssertEqual(TimeInput.parse("2027-01-15 16:00", now: now, utcOffsetSeconds: 8 * 3600), now)
        XCTAssertNil(TimeInput.parse("+2w", now: now))
        XCTAssertNil(TimeInput.parse("soon", now: now))
    }
}
