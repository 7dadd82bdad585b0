import DispatchCore
import XCTest

/// Supervision cards, early warnings: every threshold just before, at and just after.
final class SupervisionTests: XCTestCase {
    let ms = Duration(ms: 1)

    func cards(_ m: Model, at t: Instant) -> [SupervisionLevel] {
        m.sweep(at: t).compactMap { if case .act(.supervise(let l, _), _, _) = $0 { return l } else { return nil } }
    }

    func testAcceptanceCardEdges() {
        var m = World.given()
        m.run(.report(World.alert(.red)))            // accept within 10 minutes
        let deadline = World.t0.adding(.minutes(10))
        XCTAssertEqual(cards(m, at: deadline), [], "at the limit: on time")
        XCTAssertEqual(cards(m, at: deadline.adding(ms)), [.yellow], "just after: yellow card")
        XCTAssertEqual(cards(m, at: deadline.adding(.minutes(5))), [.yellow], "half again, exactly: still yellow")
        XCTAssertEqual(cards(m, at: deadline.adding(.minutes(5)).adding(ms)), [.red], "past half again: red, and only red")
    }

    func testResolutionCardEdgesAndOncePerLevel() {
        var m = World.given()
        m.run(.report(World.alert(.orange)))
        m.act(.accept(note: ""), "GW000001")
        let due = World.t0.adding(.days(3))
        XCTAssertEqual(cards(m, at: due), [])
        let t1 = due.adding(ms)
        XCTAssertEqual(cards(m, at: t1), [.yellow])
        for c in m.sweep(at: t1) { m.run(c, at: t1) }
        XCTAssertEqual(cards(m, at: t1), [], "a yellow card once")
        let t2 = due.adding(Duration(ms: Duration.days(3).ms / 2)).adding(ms)
        let due2 = m.sweep(at: t2)
        XCTAssertEqual(cards(m, at: t2), [.red])
        XCTAssertTrue(due2.contains { if case .raiseWarning(let w) = $0 { return w.rule == .overdue } else { return false } })
        for c in due2 { m.run(c, at: t2) }
        XCTAssertEqual(m.sweep(at: t2.adding(.days(9))), [], "and a red card once")
        XCTAssertEqual(m.case("GW000001")?.supervision, .red)
        XCTAssertEqual(m.warnings.map(\.rule), [.overdue])
    }

    func testTwoSweepsDecidedOnTheSameStateRecordOnce() {
        var m = World.given()
        m.run(.report(World.alert(.red)))
        let t = World.t0.adding(.hours(1))
        let first = m.sweep(at: t), second = m.sweep(at: t)
        for c in first { m.run(c, at: t) }
        for c in second { XCTAssertNotNil(m.refusal(c, at: t), "the second sweep's \(c) is refused under the lock") }
    }

    func testConfiguredCardThresholds() {
        var m = Model(policy: Policy(limits: .defaults, cards: CardThresholds(yellow: 0.5, red: 1), warnings: .defaults), now: World.t0)
        for b in World.registrations { m.apply(Event(at: World.t0, actor: "t", body: b)) }
        m.run(.report(World.alert(.red)))
        let deadline = World.t0.adding(.minutes(10))
        XCTAssertEqual(cards(m, at: deadline.adding(.minutes(5))), [])
        XCTAssertEqual(cards(m, at: deadline.adding(.minutes(5)).adding(ms)), [.yellow])
        XCTAssertEqual(cards(m, at: deadline.adding(.minutes(10)).adding(ms)), [.red])
    }

    func report(_ m: inout Model, at t: Instant, reporter: String = "", location: String = World.grid, people: Int = 0,
                category: Category = .petition) -> [EventBody] {
        var a = World.alert(.blue, at: location, reporter: reporter, reportedAt: t)
        a.people = people
        a.category = category
        return m.run(.report(a), at: t)
    }

    func rules(_ events: [EventBody]) -> [WarningRule] {
        events.compactMap { if case .warningRaised(let w) = $0 { return w.rule } else { return nil } }
    }

    func testRepeatWarningEdges() {
        var m = World.given()
        let t = World.t0
        XCTAssertEqual(rules(report(&m, at: t, reporter: "王某", location: World.grid)), [])
        XCTAssertEqual(rules(report(&m, at: t.adding(.days(10)), reporter: "王某", location: World.village2)), [])
        let third = report(&m, at: t.adding(.days(30)).adding(Duration(ms: -1)), reporter: "王某", location: World.village)
        XCTAssertEqual(rules(third), [.repeat], "the third within 30 days")
        guard case .warningRaised(let w)? = third.last else { return XCTFail() }
        XCTAssertEqual(w.cases, ["GW000001", "GW000002", "GW000003"])
        XCTAssertEqual(rules(report(&m, at: t.adding(.days(30)), reporter: "王某", location: World.village)), [], "a fourth is the same episode")

        var n = World.given()
        _ = report(&n, at: t, reporter: "李某", location: World.grid)
        _ = report(&n, at: t.adding(.days(10)), reporter: "李某", location: World.village2)
        XCTAssertEqual(rules(report(&n, at: t.adding(.days(30)), reporter: "李某", location: World.village)), [],
                       "the first has left the window: only two in 30 days")
    }

    func testSamePlaceAndCategoryIsARepeatToo() {
        var m = World.given()
        for d in 0..<2 { XCTAssertEqual(rules(report(&m, at: World.t0.adding(.days(Int64(d))), location: World.village2)), []) }
        XCTAssertEqual(rules(report(&m, at: World.t0.adding(.days(2)), location: World.village2)), [.repeat])
    }

    func testHotspotAndCrowd() {
        var m = World.given()
        for h in 0..<4 {
            XCTAssertEqual(rules(report(&m, at: World.t0.adding(.hours(Int64(h))), category: .hazardFire)).filter { $0 == .hotspot }, [])
        }
        XCTAssertEqual(rules(report(&m, at: World.t0.adding(.hours(23)), category: .hazardFire)).filter { $0 == .hotspot }, [.hotspot],
                       "five fire hazards in one grid within 24 hours")
        XCTAssertEqual(rules(report(&m, at: World.t0, people: 49, category: .service)), [])
        XCTAssertEqual(rules(report(&m, at: World.t0, people: 50, category: .disputeLabour)), [.crowd])
        XCTAssertEqual(m.warnings(for: "GW000007").map(\.rule), [.crowd])
    }

    func testTheCardsNoteReadsBackAsWritten() {
        let due = Instant(ms: 1_800_000_123_000)
        for acceptance in [true, false] {
            let note = OverdueNote(acceptance: acceptance, deadline: due)
            XCTAssertEqual(OverdueNote(parsing: note.text), note, note.text)
        }
        XCTAssertEqual(OverdueNote(acceptance: true, deadline: due).text, "overdue acceptance (accept by \(due.iso8601))", "the recorded form is unchanged")
        XCTAssertNil(OverdueNote(parsing: "overdue acceptance (accept by soon)"))
        XCTAssertNil(OverdueNote(parsing: "领导批示，尽快办理"))
    }
}
