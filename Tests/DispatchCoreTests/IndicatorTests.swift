import DispatchCore
import XCTest

/// Each formula on a small story checked by hand.
final class IndicatorTests: XCTestCase {
    /// Four cases at the grid, reported at t0:
    /// 1 accepted on time, resolved by the village centre on time, closed, visit satisfied.
    /// 2 accepted late, escalated to the town, resolved there late, closed, visit unsatisfied (reopened).
    /// 3 accepted on time, dispatched, still open.
    /// 4 never accepted, now overdue.
    func story() -> Model {
        var m = World.given()
        for _ in 0..<4 { m.run(.report(World.alert(.red))) }   // accept 10 min, resolve 24 h
        let t = World.t0
        m.act(.accept(note: ""), "GW000001", at: t.adding(.minutes(5)))
        m.act(.resolve(note: ""), "GW000001", at: t.adding(.hours(2)))
        m.act(.close(note: ""), "GW000001", at: t.adding(.hours(3)))
        m.act(.visit(outcome: .satisfied, note: ""), "GW000001", at: t.adding(.days(3)))
        m.act(.accept(note: ""), "GW000002", at: t.adding(.minutes(30)))
        m.act(.escalate(reason: "村级无法化解"), "GW000002", at: t.adding(.hours(1)))
        m.act(.resolve(note: ""), "GW000002", at: t.adding(.hours(30)))
        m.act(.close(note: ""), "GW000002", at: t.adding(.hours(31)))
        m.act(.visit(outcome: .unsatisfied, note: ""), "GW000002", at: t.adding(.days(4)))
        m.act(.accept(note: ""), "GW000003", at: t.adding(.minutes(1)))
        m.act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), "GW000003", at: t.adding(.minutes(2)))
        m.advance(to: t.adding(.hours(6)))
        return m
    }

    func testEveryFormula() {
        let m = story()
        let k = Indicators.compute(m, unit: World.city, since: nil, until: nil)
        XCTAssertEqual(k.reported, 4)
        XCTAssertEqual(k.accepted, 3)
        XCTAssertEqual(k.acceptedOnTime, 2)
        XCTAssertEqual(k.dispatched, 1)
        XCTAssertEqual(k.resolved, 2)
        XCTAssertEqual(k.resolvedOnTime, 1)
        XCTAssertEqual(k.closed, 2)
        XCTAssertEqual(k.visited, 2)
        XCTAssertEqual(k.satisfied, 1)
        XCTAssertEqual(k.escalated, 1)
        XCTAssertEqual(m.case("GW000002")?.state, .reopened, "the unsatisfied visit reopened its case")
        let r = Dictionary(uniqueKeysWithValues: k.rates.map { ($0.0, $0.1) })
        XCTAssertEqual(r["acceptance_rate"] ?? nil, 0.75)
        XCTAssertEqual(r["on_time_acceptance_rate"] ?? nil, 2.0 / 3)
        XCTAssertEqual(r["resolution_rate"] ?? nil, 2.0 / 3)
        XCTAssertEqual(r["on_time_resolution_rate"] ?? nil, 0.5)
        XCTAssertEqual(r["followup_rate"] ?? nil, 1)
        XCTAssertEqual(r["satisfaction_rate"] ?? nil, 0.5)
        XCTAssertEqual(r["repeat_rate"] ?? nil, 0.75, "the third report at the same grid and category raised a repeat naming cases 1-3")
        XCTAssertEqual(r["resolved_at_village_share"] ?? nil, 0.5, "case 1 by the village centre")
        XCTAssertEqual(r["resolved_at_town_or_below_share"] ?? nil, 1, "case 2 by the town centre")
        XCTAssertEqual(r["escalated_to_county_or_above_share"] ?? nil, 0, "the town is below the county")
    }

    func testOverdueOpenIsNowAndPeriodsSelectByReportTime() {
        let m = story()
        let k = Indicators.compute(m, unit: World.town, since: nil, until: nil)
        XCTAssertEqual(k.overdueOpen, 1, "at t+6h only case 4 is overdue: unaccepted past its 10 minutes")
        let none = Indicators.compute(m, unit: World.city, since: World.t0.adding(.minutes(1)), until: nil)
        XCTAssertEqual(none.reported, 0)
        XCTAssertNil(none.rates.first { $0.0 == "acceptance_rate" }?.1 ?? nil, "no cases: no rate, not zero")
        XCTAssertEqual(Indicators.compute(m, unit: World.village2, since: nil, until: nil).reported, 0)
    }
}
