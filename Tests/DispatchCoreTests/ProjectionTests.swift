import DispatchCore
import XCTest

/// Subtree counts, overdue status and queues, kept incrementally.
final class ProjectionTests: XCTestCase {
    func testCountsRollUpTheWholeSubtree() {
        var m = World.given()
        m.run(.report(World.alert(.red)))
        m.run(.report(World.alert(.blue, at: World.village2)))
        for code in [World.city, World.county, World.town] {
            XCTAssertEqual(m.counts(for: code)?.open, 2, code)
            XCTAssertEqual(m.counts(for: code)?.unaccepted, 2)
            XCTAssertEqual(m.counts(for: code)?.highestRisk, .red)
        }
        XCTAssertEqual(m.counts(for: World.village2)?.highestRisk, .blue)
        XCTAssertEqual(m.counts(for: World.grid)?.open, 1)
        XCTAssertEqual(m.queue(.incoming, under: World.city).count, 2)
        m.act(.accept(note: ""), "GW000001")
        XCTAssertEqual(m.counts(for: World.city)?.unaccepted, 1)
        XCTAssertEqual(m.counts(for: World.city)?.inHand, 1)
        XCTAssertEqual(m.queue(.incoming, under: World.town).count, 2, "accepted but not dispatched: still the centre's to act on")
        m.act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), "GW000001")
        XCTAssertEqual(m.queue(.inHand, under: World.town).map { m.cases[Int($0)].number }, ["GW000001"])
        XCTAssertEqual(m.queue(.incoming, under: World.town).count, 1)
        XCTAssertEqual(Array(m.queue(.inHand, under: World.village2)), [])
    }

    func testAcceptanceDeadlineEdges() {
        var m = World.given()
        m.run(.report(World.alert(.red)))  // accept within 10 minutes
        let limit = World.t0.adding(.minutes(10))
        m.advance(to: Instant(ms: limit.ms - 1))
        XCTAssertEqual(m.counts(for: World.city)?.overdue, 0, "just before")
        m.advance(to: limit)
        XCTAssertEqual(m.counts(for: World.city)?.overdue, 0, "at the limit is still on time")
        m.advance(to: Instant(ms: limit.ms + 1))
        XCTAssertEqual(m.counts(for: World.city)?.overdue, 1, "just after")
        m.act(.accept(note: ""), "GW000001", at: limit.adding(.minutes(1)))
        XCTAssertEqual(m.counts(for: World.city)?.overdue, 0, "accepted: the resolution clock runs now")
    }

    func testResolutionAndFollowUpDeadlines() {
        var m = World.given()
        m.run(.report(World.alert(.red)))
        m.act(.accept(note: ""), "GW000001")
        m.advance(to: World.t0.adding(.hours(24)).adding(Duration(ms: 1)))
        XCTAssertEqual(m.counts(for: World.town)?.overdue, 1)
        let t = World.t0.adding(.hours(25))
        m.act(.resolve(note: ""), "GW000001", at: t)
        m.act(.close(note: ""), "GW000001", at: t)
        XCTAssertEqual(m.counts(for: World.town)?.overdue, 0)
        XCTAssertEqual(m.counts(for: World.town)?.followUps, 1)
        XCTAssertEqual(m.queue(.followUps, under: World.city).count, 1)
        m.advance(to: t.adding(.days(3)).adding(Duration(ms: 1)))
        XCTAssertEqual(m.counts(for: World.town)?.followUpsOverdue, 1)
    }

    /// Random walks through the lifecycle: the incremental counts must always equal a
    /// count made from scratch over all cases.
    func testIncrementalCountsMatchARecount() {
        var rng = SplitMix(seed: 42)
        var m = World.given()
        var t = World.t0
        let places = [World.grid, World.village, World.village2, World.town]
        for step in 0..<600 {
            t = t.adding(.minutes(Int64(rng.next() % 90)))
            m.advance(to: t)
            if step % 3 == 0 || m.cases.isEmpty {
                let level = RiskLevel.allCases[Int(rng.next() % 4)]
                m.run(.report(World.alert(level, at: places[Int(rng.next() % 4)])), at: t)
                continue
            }
            let c = m.cases[Int(rng.next() % UInt64(m.cases.count))]
            let options: [CaseAction] = [
                .accept(note: ""), .dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), .sign(note: ""),
                .resolve(note: ""), .close(note: ""), .visit(outcome: rng.next() % 2 == 0 ? .satisfied : .unsatisfied, note: ""),
                .escalate(reason: "r"), .return(reason: "r"), .void(reason: "r"), .reopen(reason: "r"),
            ]
            let action = options[Int(rng.next() % UInt64(options.count))]
            if let bodies = try? m.decide(.act(action, on: c.number, expectedVersion: nil), now: t) {
                for b in bodies { m.apply(Event(at: t, actor: "x", body: b)) }
            }
        }
        XCTAssertGreaterThan(m.cases.count, 150)
        for code in [World.city, World.town, World.village, World.grid, World.village2] {
            XCTAssertEqual(m.counts(for: code), recount(m, under: code), code)
            for kind in QueueKind.allCases {
                XCTAssertEqual(m.queue(kind, under: code).count, recountQueue(m, kind, under: code), "\(kind) \(code)")
            }
        }
        XCTAssertGreaterThan(m.counts(for: World.city)?.overdue ?? 0, 0, "the walk should produce overdue cases")
        for code in [World.city, World.town, World.village, World.grid, World.village2] {
            let overdue = m.cases.indices.filter { m.isWithin(m.cases[$0].location, code) && m.isOverdue(m.cases[$0]) }
            XCTAssertEqual(m.overdueCases(under: code).map(Int.init), overdue, code)
        }
        // Sweeping at the model's time looks only at overdue cases, and finds what a full scan finds.
        var ahead = m
        ahead.advance(to: m.now.adding(.hours(50)))
        let due = ahead.sweep(at: ahead.now)
        XCTAssertFalse(due.isEmpty)
        XCTAssertEqual(due, m.sweep(at: ahead.now), "m is behind that time, so it scans every case")
        // Report-time search gives exactly the cases a scan of the period finds.
        let from = World.t0.adding(.hours(100)), to = World.t0.adding(.hours(300))
        let scanned = m.cases.indices.filter { m.cases[$0].reportedAt >= from && m.cases[$0].reportedAt < to }
        XCTAssertEqual(m.casesReported(since: from, until: to).map { Int($0.index) }.sorted(), scanned)
        XCTAssertFalse(scanned.isEmpty)
        // A model rebuilt in one pass (as a snapshot restore does) agrees with the incremental one.
        let rebuilt = Model(image: m.image, policy: Policy(limits: m.limits, cards: m.cards, warnings: m.warningRules))
        var copy = rebuilt
        copy.advance(to: m.now)
        for code in [World.city, World.town, World.village, World.grid, World.village2] {
            XCTAssertEqual(copy.counts(for: code), m.counts(for: code), code)
            XCTAssertEqual(Array(copy.overdueCases(under: code)), Array(m.overdueCases(under: code)), code)
            for kind in QueueKind.allCases { XCTAssertEqual(copy.queue(kind, under: code), m.queue(kind, under: code)) }
        }
        XCTAssertEqual(copy.reportEntries, m.reportEntries)
        XCTAssertEqual(copy.casesReported(since: from, until: to), m.casesReported(since: from, until: to))
    }

    func testABackdatedReportIsFoundInItsPeriod() {
        var m = World.given()
        m.run(.report(World.alert(.red, at: World.grid)), at: World.t0.adding(.hours(10)))
        var late = World.alert(.blue, at: World.grid)
        late.reportedAt = World.t0.adding(.hours(2))
        m.run(.report(late), at: World.t0.adding(.hours(11)))
        XCTAssertEqual(m.casesReported(since: World.t0, until: World.t0.adding(.hours(5))).map(\.index), [1])
        XCTAssertEqual(m.casesReported(since: World.t0, until: nil).map(\.index), [1, 0])
    }

    private func recount(_ m: Model, under code: String) -> UnitCounts {
        var k = UnitCounts()
        for c in m.cases where m.isWithin(c.location, code) {
            if c.state.isOpen {
                k.open += 1
                k.openByLevel[c.level.severity] += 1
            }
            if c.state == .reported { k.unaccepted += 1 }
            if c.state.isInHand || c.state == .resolved { k.inHand += 1 }
            if c.state == .closed {
                k.followUps += 1
                if let due = m.followUpDue(c), m.now > due { k.followUpsOverdue += 1 }
            }
            let deadline = c.state == .reported ? m.acceptBy(c) : c.dueAt
            if (c.state == .reported || c.state.isInHand), m.now > deadline { k.overdue += 1 }
        }
        return k
    }

    private func recountQueue(_ m: Model, _ kind: QueueKind, under code: String) -> Int {
        m.cases.filter { c in
            guard m.isWithin(c.location, code) else { return false }
            switch kind {
            case .incoming: return [.reported, .accepted, .reopened].contains(c.state)
            case .inHand: return [.dispatched, .inProgress, .resolved].contains(c.state)
            case .followUps: return c.state == .closed
            }
        }.count
    }
}

final class CaseNumberTests: XCTestCase {
    func testOrdinalsAreReadOnlyFromCanonicalNumbers() {
        XCTAssertEqual(CaseRecord.ordinal(of: "GW000042"), 42)
        XCTAssertEqual(CaseRecord.ordinal(of: "GW1234567"), 1_234_567)
        XCTAssertEqual(CaseRecord.number(forOrdinal: 42), "GW000042")
        for bad in ["GW00004x", "gw000001", "GW000000", "GW00001", "GW０００００１", "XX000001", "", "GW-00001"] {
            XCTAssertNil(CaseRecord.ordinal(of: bad), bad)
        }
    }
}
