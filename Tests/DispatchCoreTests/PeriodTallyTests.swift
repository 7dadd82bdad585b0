import DispatchCore
import XCTest

/// A period's figures kept event by event must always equal the figures counted afresh.
final class PeriodTallyTests: XCTestCase {
    static let town2 = "210203005"
    let units = [World.city, World.county, World.town, World.village, World.grid, World.village2, PeriodTallyTests.town2]

    /// A random walk with reports (some backdated to before the period, some by the same
    /// reporter so repeat warnings fire), every action, merges, and a unit moved midway.
    func testAKeptTallyEqualsARecountThroughARandomWalk() {
        var rng = SplitMix(seed: 7)
        var m = World.given([.unitRegistered(Unit(code: Self.town2, name: "八一路街道", tier: .town, parent: World.county))])
        var t = World.t0
        let since = World.t0.adding(.hours(30))
        var tally: PeriodTally?
        let places = [World.grid, World.village, World.village2]
        for step in 0..<900 {
            t = t.adding(.minutes(Int64(rng.next() % 20)))
            m.advance(to: t)
            if tally == nil, t >= since.adding(.hours(-10)) { tally = PeriodTally(model: m, since: since) }
            let bodies = randomStep(&m, &rng, at: t, step: step, places: places)
            let events = bodies.map { Event(at: t, actor: "x", body: $0) }
            for e in events { m.apply(e) }
            tally?.apply(events, model: m)
            if let tally, step % 25 == 0 { assertAgrees(tally, m, since, "step \(step)") }
        }
        guard let tally else { return XCTFail("the walk never reached the period") }
        assertAgrees(tally, m, since, "end")
        let k = tally.indicators(unit: World.city, model: m)
        for (name, n) in [("reported", k.reported), ("resolved", k.resolved), ("visited", k.visited), ("escalated", k.escalated), ("repeated", k.repeated)] {
            XCTAssertGreaterThan(n, 0, "the walk should exercise \(name)")
        }
        XCTAssertLessThan(k.reported, m.cases.count, "cases reported before the period stay out")
        XCTAssertEqual(tally.indicators(unit: Self.town2, model: m), Indicators.compute(m, unit: Self.town2, since: since, until: nil))
        XCTAssertGreaterThan(tally.indicators(unit: Self.town2, model: m).reported, 0, "the moved village's cases count under its new town")
    }

    /// One step: a report (every third step), the unit move at step 450, or an action.
    private func randomStep(_ m: inout Model, _ rng: inout SplitMix, at t: Instant, step: Int, places: [String]) -> [EventBody] {
        if step == 450 { return [.unitMoved(code: World.village2, parent: Self.town2)] }
        if step % 3 == 0 || m.cases.isEmpty {
            var alert = World.alert(RiskLevel.allCases[Int(rng.next() % 4)], at: places[Int(rng.next() % 3)],
                                    reporter: rng.next() % 2 == 0 ? "王女士\(step / 90)" : "")
            // Some reports arrive late, dated before the period began.
            if rng.next() % 8 == 0 { alert.reportedAt = World.t0.adding(.hours(1)) }
            return (try? m.decide(.report(alert), now: t)) ?? []
        }
        // A recent case, and the first action its state allows from a random place in the list.
        let c = m.cases[max(0, m.cases.count - 1 - Int(rng.next() % 8))]
        let other = m.cases[Int(rng.next() % UInt64(m.cases.count))].number
        let options: [CaseAction] = [
            .accept(note: ""), .dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), .sign(note: ""),
            .resolve(note: ""), .close(note: ""), .visit(outcome: rng.next() % 2 == 0 ? .satisfied : .unsatisfied, note: ""),
            .escalate(reason: "r"), .return(reason: "r"), .void(reason: "r"), .reopen(reason: "r"), .merge(into: other, note: ""),
        ]
        let start = Int(rng.next() % UInt64(options.count))
        for k in options.indices {
            let action = options[(start + k) % options.count]
            if let bodies = try? m.decide(.act(action, on: c.number, expectedVersion: nil), now: t) { return bodies }
        }
        return []
    }

    private func assertAgrees(_ tally: PeriodTally, _ m: Model, _ since: Instant, _ when: String, line: UInt = #line) {
        for u in units {
            XCTAssertEqual(tally.indicators(unit: u, model: m), Indicators.compute(m, unit: u, since: since, until: nil), "\(u) at \(when)", line: line)
        }
    }
}
