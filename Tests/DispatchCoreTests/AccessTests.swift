import DispatchCore
import XCTest

/// Given a principal's grants and a case, when a command, then allowed or refused with a reason.
final class AccessTests: XCTestCase {
    /// A second town beside the world's, with a village and a grid, and a case in each town.
    /// Reports at a grid are owned by its village's centre.
    private func world() -> Model {
        var m = World.given([
            .unitRegistered(Unit(code: "210203005", name: "人民广场街道", tier: .town, parent: World.county)),
            .unitRegistered(Unit(code: "210203005001", name: "长春社区", tier: .village, parent: "210203005")),
            .unitRegistered(Unit(code: "210203005001001", name: "第九网格", tier: .grid, parent: "210203005001")),
        ])
        m.run(.report(World.alert(at: World.grid)))             // GW000001, owned by the town 210203004
        m.run(.report(World.alert(at: "210203005001001")))      // GW000002, owned by the town 210203005
        return m
    }

    private func check(_ grants: [Grant]) -> AccessCheck { AccessCheck(Principal(name: "li.ming", uid: 1001, grants: grants)) }
    private func act(_ a: CaseAction, _ n: String) -> Command { .act(a, on: n, expectedVersion: nil) }

    func testAnOfficerWorksCasesOwnedInsideTheGrantedSubtreeOnly() {
        let m = world(), officer = check([Grant(role: .officer, unit: World.town)])
        XCTAssertNil(officer.refusal(act(.accept(note: ""), "GW000001"), in: m))
        let refused = officer.refusal(act(.accept(note: ""), "GW000002"), in: m)
        XCTAssertEqual(refused?.action, "accept")
        XCTAssertEqual(refused?.caseNumber, "GW000002")
        XCTAssertEqual(refused?.roles, "officer@210203004")
        XCTAssertTrue(refused?.reason.contains("210203005001 长春社区") == true, refused?.reason ?? "")
    }

    func testOnlyALeadMayVoidMergeExtendOrClose() {
        var m = world()
        m.act(.accept(note: ""), "GW000001")
        let officer = check([Grant(role: .officer, unit: World.town)]), lead = check([Grant(role: .lead, unit: World.county)])
        for a in [CaseAction.void(reason: "r"), .merge(into: "GW000002", note: ""), .extend(dueAt: World.t0.adding(.days(30)), reason: "r")] {
            XCTAssertTrue(officer.refusal(act(a, "GW000001"), in: m)?.reason.contains("only a shift lead") == true, "\(a)")
            XCTAssertNil(lead.refusal(act(a, "GW000001"), in: m), "\(a)")
        }
        XCTAssertNil(lead.refusal(act(.accept(note: ""), "GW000002"), in: m), "a lead may do what an officer may")
    }

    func testAViewerOrIntakeMayNotActAndIntakeReportsOnlyInsideItsUnits() {
        let m = world()
        let viewer = check([Grant(role: .viewer, unit: "*")]), intake = check([Grant(role: .intake, unit: World.town)])
        XCTAssertNotNil(viewer.refusal(act(.accept(note: ""), "GW000001"), in: m))
        XCTAssertNotNil(viewer.refusal(.report(World.alert()), in: m))
        XCTAssertNotNil(intake.refusal(act(.accept(note: ""), "GW000001"), in: m))
        XCTAssertNil(intake.refusal(.report(World.alert(at: World.grid)), in: m))
        XCTAssertEqual(intake.refusal(.report(World.alert(at: "210203005001001")), in: m)?.action, "raise")
    }

    func testSendDownAndDispatchStayInsideAndEscalateGoesToTheParent() {
        var m = world()
        m.act(.accept(note: ""), "GW000001")
        let officer = check([Grant(role: .officer, unit: World.town)])
        XCTAssertNil(officer.refusal(act(.sendDown(to: World.village, reason: "r"), "GW000001"), in: m))
        XCTAssertNil(officer.refusal(act(.escalate(reason: "r"), "GW000001"), in: m), "escalating goes to the parent, outside the scope")
        XCTAssertNil(officer.refusal(act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), "GW000001"), in: m))
        XCTAssertNil(officer.refusal(act(.dispatch(lead: .centre(World.village), assisting: [], dueAt: nil, note: ""), "GW000001"), in: m))
        let out = officer.refusal(act(.dispatch(lead: .centre("210203005"), assisting: [], dueAt: nil, note: ""), "GW000001"), in: m)
        XCTAssertTrue(out?.reason.contains("dispatch to a department or a centre inside them") == true, out?.reason ?? "")
        let assist = officer.refusal(act(.dispatch(lead: .agency("housing"), assisting: [.centre(World.county)], dueAt: nil, note: ""), "GW000001"), in: m)
        XCTAssertNotNil(assist, "an assisting centre outside the scope is refused too")
    }

    func testTheLeadCentreSignsAndResolvesACaseAnotherCentreOwns() {
        var m = world()
        m.act(.escalate(reason: "r"), "GW000001")   // village → town
        m.act(.escalate(reason: "r"), "GW000001")   // town → county
        XCTAssertEqual(m.case("GW000001")?.owner, World.county)
        m.act(.accept(note: ""), "GW000001")
        m.act(.dispatch(lead: .centre(World.town), assisting: [], dueAt: nil, note: ""), "GW000001")
        let town = check([Grant(role: .officer, unit: World.town)])
        XCTAssertNil(town.refusal(act(.sign(note: ""), "GW000001"), in: m), "the assignee signs")
        XCTAssertNotNil(town.refusal(act(.supervise(level: .yellow, note: ""), "GW000001"), in: m), "but does not supervise the owner's case")
        XCTAssertTrue(town.canSee(m.case("GW000001")!, in: m), "what it escalated stays in sight")
        XCTAssertFalse(town.canSee(m.case("GW000002")!, in: m))
    }

    /// A department platform's key acts for its agency: it signs, returns and resolves
    /// what is dispatched to the agency as lead, notes what it assists on, sees only those
    /// cases, and nothing else.
    func testAnAgencyWorksOnlyWhatIsDispatchedToIt() {
        var m = world()
        m.act(.accept(note: ""), "GW000001")
        m.act(.dispatch(lead: .agency("housing"), assisting: [.agency("police")], dueAt: nil, note: ""), "GW000001")
        let housing = AccessCheck(Principal(name: "key:housing-platform", uid: 0, grants: [], agencies: ["housing"]))
        let police = AccessCheck(Principal(name: "key:police-platform", uid: 0, grants: [], agencies: ["police"]))
        XCTAssertNil(housing.refusal(act(.sign(note: ""), "GW000001"), in: m))
        XCTAssertNil(housing.refusal(act(.return(reason: "r"), "GW000001"), in: m))
        XCTAssertNil(housing.refusal(act(.note(text: "n"), "GW000001"), in: m))
        XCTAssertNil(police.refusal(act(.note(text: "n"), "GW000001"), in: m), "an assisting agency may note")
        XCTAssertEqual(police.refusal(act(.sign(note: ""), "GW000001"), in: m)?.reason, "case GW000001 is not dispatched to agency police as lead")
        XCTAssertNotNil(housing.refusal(act(.supervise(level: .yellow, note: ""), "GW000001"), in: m), "an agency does not supervise")
        XCTAssertNotNil(housing.refusal(act(.sign(note: ""), "GW000002"), in: m), "nor touch a case not dispatched to it")
        XCTAssertNotNil(housing.refusal(.report(World.alert(at: World.town)), in: m), "nor report")
        XCTAssertTrue(housing.canSee(m.case("GW000001")!, in: m))
        XCTAssertTrue(police.canSee(m.case("GW000001")!, in: m))
        XCTAssertFalse(housing.canSee(m.case("GW000002")!, in: m))
        XCTAssertEqual(housing.principal.roles, "agency@housing")
    }

    func testGrantsAddUpAndStarCoversEverything() {
        let m = world()
        let two = check([Grant(role: .officer, unit: World.town), Grant(role: .officer, unit: "210203005")])
        XCTAssertNil(two.refusal(act(.accept(note: ""), "GW000001"), in: m))
        XCTAssertNil(two.refusal(act(.accept(note: ""), "GW000002"), in: m))
        let admin = check([Grant(role: .admin, unit: "*")])
        XCTAssertNil(admin.refusal(.registerAgency(Agency(id: "court", name: "法院", nameEn: "Court", kind: .resident)), in: m))
        XCTAssertNotNil(admin.refusal(act(.accept(note: ""), "GW000001"), in: m), "admin is not case work")
        let townAdmin = check([Grant(role: .admin, unit: World.town)])
        XCTAssertNil(townAdmin.refusal(.renameUnit(code: World.village, name: "新民社区"), in: m))
        XCTAssertNotNil(townAdmin.refusal(.renameUnit(code: "210203005", name: "x"), in: m))
        XCTAssertNotNil(townAdmin.refusal(.registerAgency(Agency(id: "court", name: "法院", nameEn: "Court", kind: .resident)), in: m),
                        "agencies serve the whole city")
        XCTAssertEqual(check([Grant(role: .viewer, unit: World.town)]).homeUnit(in: m), World.town)
        XCTAssertEqual(check([Grant(role: .viewer, unit: World.city)]).homeUnit(in: m), World.city)
    }

    func testActorsNameTheAccountAndItsUid() {
        XCTAssertEqual(ActorName.format(name: "li.ming", uid: 1001), "li.ming (uid 1001)")
        XCTAssertEqual(ActorName.parse("li.ming (uid 1001)").name, "li.ming")
        XCTAssertEqual(ActorName.parse("li.ming (uid 1001)").uid, 1001)
        XCTAssertNil(ActorName.parse("tester@ci").uid, "older free-text actors have no uid")
        XCTAssertNil(ActorName.parse("x (uid 12a)").uid)
    }

    func testAMovedUnitTakesItsSubtreeAndCasesAlong() {
        var m = world()
        let openIn = { (m: Model, code: String) in m.counts(for: code)?.open ?? -1 }
        XCTAssertEqual(openIn(m, World.town), 1)
        m.run(.moveUnit(code: World.village, parent: "210203005"))
        XCTAssertTrue(m.isWithin(World.grid, "210203005"))
        XCTAssertFalse(m.isWithin(World.grid, World.town))
        XCTAssertEqual(openIn(m, World.town), 0)
        XCTAssertEqual(openIn(m, "210203005"), 2)
        XCTAssertEqual(openIn(m, World.county), 2)
        XCTAssertEqual(m.queue(.incoming, under: "210203005").count, 2)
        XCTAssertNotNil(m.refusal(.moveUnit(code: World.village, parent: World.county)), "a village sits under a town")
        XCTAssertNotNil(m.refusal(.moveUnit(code: World.city, parent: World.county)), "the root stays")
        let townAdmin = check([Grant(role: .admin, unit: World.town)])
        XCTAssertNotNil(townAdmin.refusal(.moveUnit(code: "210203004002", parent: "210203005"), in: m), "admin over both ends")
    }

    func testRetiredUnitsAndAgenciesTakeNothingNew() {
        var m = world()
        m.run(.retireUnit(code: "210203005001", reason: "并入长春社区"))
        m.run(.retireAgency(id: "police", reason: "r"))
        XCTAssertEqual(m.refusal(.report(World.alert(at: "210203005001001"))), .retired("unit 210203005001 (长春社区) is retired and takes no new cases"),
                       "a grid under a retired village takes no reports either")
        m.act(.accept(note: ""), "GW000001")
        XCTAssertNotNil(m.refusal(.act(.dispatch(lead: .agency("police"), assisting: [], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil)))
        XCTAssertNotNil(m.case("GW000002"), "history stays")
        m.run(.renameUnit(code: World.village, name: "新民社区"))
        XCTAssertEqual(m.unit(World.village)?.name, "新民社区")
    }
}
