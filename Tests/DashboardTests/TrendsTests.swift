import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The 24-hour trends: built once from the model, then kept from events and the clock.
final class TrendsTests: XCTestCase {
    private let hour: Int64 = 3_600_000

    func testBuiltFromTheModelAnHourABucketAndUpTheTree() {
        let m = Fixture.model()
        let t = Trends(model: m, now: Fixture.now)
        let city = t.values(.reported, unit: "210200", model: m)
        XCTAssertEqual(city.count, 24)
        XCTAssertEqual(city.reduce(0, +), 5, "five reports in the last two hours")
        // Fixture.now falls on the hour: reports 120 and 90 minutes before it are two
        // hours back, those 60, 30 and 5 minutes before are in the last hour, and the
        // hour that starts now is empty.
        XCTAssertEqual(Array(city.suffix(3)), [2, 3, 0])
        XCTAssertEqual(t.values(.reported, unit: "210283", model: m).reduce(0, +), 1, "庄河市 has one")
        XCTAssertEqual(t.values(.resolved, unit: "210203", model: m).reduce(0, +), 1)
        XCTAssertEqual(t.values(.overdue, unit: "210200", model: m).last, m.counts(for: "210200")?.overdue, "the newest hour is the live count")
    }

    func testEventsAddAndTheHourRollsOver() throws {
        var m = Fixture.model()
        var t = Trends(model: m, now: Fixture.now)
        let at = Fixture.now.adding(.minutes(1))
        let bodies = try m.decide(.report(NewCase(category: .service, level: .blue, location: "210283102201", title: "路灯不亮", reportedAt: at)), now: at)
        let events = bodies.map { Event(at: at, actor: "test", body: $0) }
        for e in events { m.apply(e) }
        t.apply(events, model: m)
        XCTAssertEqual(t.values(.reported, unit: "210283", model: m).last, 1)
        XCTAssertEqual(t.values(.reported, unit: "210200", model: m).last, 1)
        t.advance(to: Fixture.now.adding(.hours(1)), model: m)
        XCTAssertEqual(t.values(.reported, unit: "210200", model: m).last, 0, "a new hour starts empty")
        XCTAssertEqual(Array(t.values(.reported, unit: "210200", model: m).suffix(4)), [2, 3, 1, 0], "and the others moved left")
        t.advance(to: Fixture.now.adding(.hours(30)), model: m)
        XCTAssertEqual(t.values(.reported, unit: "210200", model: m).reduce(0, +), 0, "a day later nothing is left")
    }

    func testSparklinesScaleToTheirLargestAndLeaveEmptyHoursBlank() {
        XCTAssertEqual(Sparkline.render([0, 1, 4, 8], width: 4), " ▁▄█")
        XCTAssertEqual(Sparkline.render([0, 1, 4, 8], width: 2), "▄█", "the newest hours when narrow")
        XCTAssertEqual(Sparkline.render([1, 1], width: 2, scale: 8), "▁▁")
        XCTAssertEqual(Sparkline.render([], width: 3), "")
    }
}
