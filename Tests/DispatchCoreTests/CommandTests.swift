import DispatchCore
import XCTest

/// Given events, when a command, then these events: the details of each transition.
final class CommandTests: XCTestCase {
    func testReportNumbersCasesAndFixesDeadlinesFromTheLimits() {
        var m = World.given()
        let events = m.run(.report(World.alert(.orange)))
        guard case .caseReported(let r)? = events.first else { return XCTFail("no report") }
        XCTAssertEqual(r.number, "GW000001")
        XCTAssertEqual(r.owner, World.village, "a grid's case belongs to its village centre")
        XCTAssertEqual(r.acceptBy, World.t0.adding(.minutes(30)))
        XCTAssertEqual(r.dueAt, World.t0.adding(.days(3)))
        m.run(.report(World.alert(at: World.town)))
        XCTAssertEqual(m.case("GW000002")?.owner, World.town)
    }

    func testReportRefusals() {
        let m = World.given()
        XCTAssertEqual(m.refusal(.report(World.alert(at: "999999"))), .unknownUnit("999999"))
        XCTAssertEqual(m.refusal(.report(World.alert(title: "   "))), .emptyField("title"))
        XCTAssertEqual(m.refusal(.report(World.alert(title: String(repeating: "长", count: 201)))), .fieldTooLong(field: "title", limit: 200))
        var crowd = World.alert(); crowd.people = -1
        XCTAssertNotNil(m.refusal(.report(crowd)))
        XCTAssertNotNil(m.refusal(.report(World.alert(reportedAt: World.t0.adding(.hours(1))))), "future report times are refused")
    }

    func testExternalIdIsNeverRecordedTwice() {
        var m = World.given()
        m.run(.report(World.alert(externalId: "12345-0001")))
        XCTAssertEqual(m.caseNumber(forExternalId: "12345-0001"), "GW000001")
        guard case .duplicate? = m.refusal(.report(World.alert(externalId: "12345-0001"))) else {
            return XCTFail("a repeated external id must be refused")
        }
    }

    func testDispatchDefaultsTheDueTimeAndChecksAssignees() {
        var m = World.given()
        m.run(.report(World.alert(.yellow)))
        m.act(.accept(note: ""), "GW000001")
        let bad = Command.act(.dispatch(lead: .agency("nope"), assisting: [], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil)
        XCTAssertEqual(m.refusal(bad), .unknownAgency("nope"))
        let toGrid = Command.act(.dispatch(lead: .centre(World.grid), assisting: [], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil)
        XCTAssertNotNil(m.refusal(toGrid), "a grid cell has no centre")
        let twice = Command.act(.dispatch(lead: .agency("housing"), assisting: [.agency("housing")], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil)
        XCTAssertNotNil(m.refusal(twice), "the lead cannot also assist")
        let past = Command.act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: World.t0.adding(.hours(-1)), note: ""), on: "GW000001", expectedVersion: nil)
        guard case .invalidDeadline? = m.refusal(past) else { return XCTFail("a past due time is refused") }
        let ok = m.act(.dispatch(lead: .agency("housing"), assisting: [.centre(World.town), .agency("police")], dueAt: nil, note: "限期处理"), "GW000001")
        XCTAssertEqual(ok, [.caseDispatched(case: "GW000001", lead: .agency("housing"), assisting: [.centre(World.town), .agency("police")],
                                            dueAt: World.t0.adding(.days(7)), note: "限期处理")])
        XCTAssertEqual(m.case("GW000001")?.lead, .agency("housing"))
    }

    func testEscalateGoesToTheParentCentreUntilTheTop() {
        var m = World.given()
        m.run(.report(World.alert()))
        XCTAssertEqual(m.act(.escalate(reason: "村级无法化解"), "GW000001"), [.caseEscalated(case: "GW000001", to: World.town, reason: "村级无法化解")])
        m.act(.escalate(reason: "r"), "GW000001")
        m.act(.escalate(reason: "r"), "GW000001")
        XCTAssertEqual(m.case("GW000001")?.owner, World.city)
        XCTAssertEqual(m.case("GW000001")?.escalations, 3)
        guard case .invalidTarget? = m.refusal(.act(.escalate(reason: "r"), on: "GW000001", expectedVersion: nil)) else {
            return XCTFail("the city cannot escalate further")
        }
    }

    func testSendDownOnlyToACentreBelowTheOwner() {
        var m = World.given()
        m.run(.report(World.alert(at: World.town)))
        let sideways = Command.act(.sendDown(to: World.county, reason: "r"), on: "GW000001", expectedVersion: nil)
        guard case .invalidTarget? = m.refusal(sideways) else { return XCTFail("cannot send up") }
        XCTAssertEqual(m.refusal(.act(.sendDown(to: "000", reason: "r"), on: "GW000001", expectedVersion: nil)), .unknownUnit("000"))
        m.act(.sendDown(to: World.village2, reason: "法院反向导入"), "GW000001")
        XCTAssertEqual(m.case("GW000001")?.owner, World.village2)
    }

    func testReasonsAreRequiredWhereTheyMatter() {
        var m = World.given()
        m.run(.report(World.alert()))
        XCTAssertEqual(m.refusal(.act(.void(reason: ""), on: "GW000001", expectedVersion: nil)), .emptyField("reason"))
        XCTAssertEqual(m.refusal(.act(.escalate(reason: " "), on: "GW000001", expectedVersion: nil)), .emptyField("reason"))
    }

    func testSupervisionOnlyRisesAndExtensionOnlyLater() {
        var m = World.given()
        m.run(.report(World.alert()))
        m.act(.supervise(level: .yellow, note: ""), "GW000001")
        XCTAssertEqual(m.refusal(.act(.supervise(level: .yellow, note: ""), on: "GW000001", expectedVersion: nil)),
                       .alreadySupervised(case: "GW000001", level: .yellow))
        XCTAssertEqual(m.refusal(.act(.supervise(level: .normal, note: ""), on: "GW000001", expectedVersion: nil)),
                       .alreadySupervised(case: "GW000001", level: .yellow))
        m.act(.supervise(level: .red, note: ""), "GW000001")
        XCTAssertEqual(m.case("GW000001")?.supervision, .red)
        m.act(.accept(note: ""), "GW000001")
        let due = m.case("GW000001")?.dueAt ?? World.t0
        guard case .invalidDeadline? = m.refusal(.act(.extend(dueAt: due, reason: "r"), on: "GW000001", expectedVersion: nil)) else {
            return XCTFail("an extension must move the deadline later")
        }
        m.act(.extend(dueAt: due.adding(.days(2)), reason: "需司法鉴定"), "GW000001")
        XCTAssertEqual(m.case("GW000001")?.dueAt, due.adding(.days(2)))
    }

    func testUnsatisfiedVisitReopensWithAFreshDeadline() {
        var m = World.given()
        m.run(.report(World.alert(.blue)))
        for a: CaseAction in [.accept(note: ""), .resolve(note: ""), .close(note: "")] { m.act(a, "GW000001") }
        let later = World.t0.adding(.days(4))
        let events = m.act(.visit(outcome: .unsatisfied, note: "噪音仍在"), "GW000001", at: later)
        XCTAssertEqual(events, [.followUpRecorded(case: "GW000001", outcome: .unsatisfied, note: "噪音仍在"),
                                .caseReopened(case: "GW000001", dueAt: later.adding(.days(15)), reason: "unsatisfied follow-up visit")])
        let c = m.case("GW000001")
        XCTAssertEqual(c?.state, .reopened)
        XCTAssertEqual(c?.visits, 1)
        XCTAssertEqual(c?.lastVisit, .unsatisfied)
    }

    func testMergeNeedsAnotherOpenCase() {
        var m = World.given()
        m.run(.report(World.alert()))
        m.run(.report(World.alert()))
        XCTAssertEqual(m.refusal(.act(.merge(into: "GW000009", note: ""), on: "GW000001", expectedVersion: nil)), .unknownCase("GW000009"))
        guard case .invalidTarget? = m.refusal(.act(.merge(into: "GW000001", note: ""), on: "GW000001", expectedVersion: nil)) else {
            return XCTFail("a case cannot merge into itself")
        }
        m.act(.merge(into: "GW000002", note: "同一事件"), "GW000001")
        XCTAssertEqual(m.case("GW000001")?.mergedInto, "GW000002")
        guard case .invalidTarget? = m.refusal(.act(.merge(into: "GW000001", note: ""), on: "GW000002", expectedVersion: nil)) else {
            return XCTFail("cannot merge into a merged case")
        }
    }

    func testAStaleVersionIsAConflictNotAnOverwrite() {
        var m = World.given()
        m.run(.report(World.alert()))
        m.act(.accept(note: ""), "GW000001")
        let stale = Command.act(.resolve(note: ""), on: "GW000001", expectedVersion: 1)
        XCTAssertEqual(m.refusal(stale), .conflict(case: "GW000001", expected: 1, actual: 2))
        XCTAssertNil(m.refusal(.act(.resolve(note: ""), on: "GW000001", expectedVersion: 2)))
        XCTAssertEqual(m.refusal(.act(.accept(note: ""), on: "GW404", expectedVersion: nil)), .unknownCase("GW404"))
    }

    func testUnitRegistrationChecksTheHierarchy() {
        let m = World.given()
        let orphan = Unit(code: "210299", name: "X", tier: .county, parent: "999")
        guard case .invalidUnit? = m.refusal(.registerUnit(orphan)) else { return XCTFail("unknown parent") }
        let skip = Unit(code: "210203999", name: "X", tier: .village, parent: World.county)
        guard case .invalidUnit? = m.refusal(.registerUnit(skip)) else { return XCTFail("a village cannot sit under a county") }
        XCTAssertEqual(m.refusal(.registerUnit(Unit(code: World.town, name: "X", tier: .town, parent: World.county))), .duplicate(World.town))
        guard case .invalidUnit? = m.refusal(.registerUnit(Unit(code: "a b", name: "X", tier: .city, parent: nil))) else {
            return XCTFail("codes with spaces are refused")
        }
    }
}
