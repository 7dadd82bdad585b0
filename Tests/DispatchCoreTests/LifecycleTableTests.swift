import DispatchCore
import XCTest

/// Every action tried in every state: allowed exactly where the lifecycle allows it,
/// producing the right events and state, and refused elsewhere with `invalidTransition`.
final class LifecycleTableTests: XCTestCase {
    /// Actions that bring a fresh case (GW000001, located at the town) to each state.
    static let paths: [CaseState: [CaseAction]] = [
        .reported: [],
        .accepted: [.accept(note: "")],
        .dispatched: [.accept(note: ""), .dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: "")],
        .inProgress: [.accept(note: ""), .dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), .sign(note: "")],
        .resolved: [.accept(note: ""), .resolve(note: "调解成功")],
        .closed: [.accept(note: ""), .resolve(note: ""), .close(note: "")],
        .archived: [.accept(note: ""), .resolve(note: ""), .close(note: ""), .visit(outcome: .satisfied, note: "")],
        .voided: [.void(reason: "重复上报")],
        .merged: [.merge(into: "GW000002", note: "")],
        .reopened: [.accept(note: ""), .resolve(note: ""), .reopen(reason: "问题反弹")],
    ]

    /// (action, states where allowed, events produced, resulting state or nil for
    /// unchanged, hands over: escalating or sending down gives the case to another
    /// centre, which takes it undispatched; an unaccepted case stays unaccepted).
    static let rules: [(CaseAction, Set<CaseState>, [EventType], CaseState?, Bool)] = [
        (.accept(note: ""), [.reported], [.caseAccepted], .accepted, false),
        (.void(reason: "误报"), [.reported], [.caseVoided], .voided, false),
        (.dispatch(lead: .agency("housing"), assisting: [.agency("police")], dueAt: nil, note: ""), [.accepted, .reopened], [.caseDispatched], .dispatched, false),
        (.sign(note: ""), [.dispatched], [.caseSigned], .inProgress, false),
        (.return(reason: "不属本单位职责"), [.dispatched, .inProgress], [.caseReturned], .accepted, false),
        (.reassign(lead: .agency("police"), assisting: [], dueAt: nil, reason: "改派公安"), [.dispatched, .inProgress], [.caseReassigned], .dispatched, false),
        (.escalate(reason: "镇级无法化解"), [.reported, .accepted, .dispatched, .inProgress, .reopened], [.caseEscalated], nil, true),
        (.sendDown(to: World.village, reason: "反向导入"), [.reported, .accepted, .dispatched, .inProgress, .reopened], [.caseSentDown], nil, true),
        (.supervise(level: .yellow, note: ""), [.reported, .accepted, .dispatched, .inProgress, .reopened], [.caseSupervised], nil, false),
        (.extend(dueAt: World.t0.adding(.days(30)), reason: "需鉴定"), [.accepted, .dispatched, .inProgress, .reopened], [.deadlineExtended], nil, false),
        (.resolve(note: ""), [.accepted, .inProgress, .reopened], [.caseResolved], .resolved, false),
        (.close(note: ""), [.resolved], [.caseClosed], .closed, false),
        (.visit(outcome: .satisfied, note: ""), [.closed], [.followUpRecorded], .archived, false),
        (.visit(outcome: .unsatisfied, note: ""), [.closed], [.followUpRecorded, .caseReopened], .reopened, false),
        (.reopen(reason: "群众不满意"), [.resolved, .closed, .archived], [.caseReopened], .reopened, false),
        (.merge(into: "GW000003", note: ""), [.reported, .accepted, .dispatched, .inProgress, .reopened], [.caseMerged], .merged, false),
        (.note(text: "已约谈双方"), [.reported, .accepted, .dispatched, .inProgress, .reopened, .resolved], [.caseNoted], nil, false),
    ]

    /// A model with GW000001 (at the town) in `state`, and two more open cases.
    func model(in state: CaseState) -> Model {
        var m = World.given()
        for _ in 0..<3 { m.run(.report(World.alert(at: World.town))) }
        for a in Self.paths[state] ?? [] { m.act(a, "GW000001") }
        XCTAssertEqual(m.case("GW000001")?.state, state, "path to \(state)")
        return m
    }

    /// The table `decide` reads (`ActionKind.allowedStates`) says what this spec says,
    /// for every kind of action.
    func testTheActionTableIsTheLifecycle() {
        var covered = Set<ActionKind>()
        for (action, allowed, _, _, _) in Self.rules {
            XCTAssertEqual(action.kind.allowedStates, allowed, "\(action.kind)")
            covered.insert(action.kind)
        }
        XCTAssertEqual(covered, Set(ActionKind.allCases), "every action kind is in the spec")
        for state in CaseState.allCases {
            XCTAssertEqual(ActionKind.applicable(in: state), ActionKind.allCases.filter { $0.allowedStates.contains(state) })
        }
    }

    func testEveryActionInEveryState() {
        var allowedCount = 0, refusedCount = 0
        for state in CaseState.allCases {
            for (action, allowed, types, result, handOver) in Self.rules {
                var m = model(in: state)
                let before = m.case("GW000001")
                let cmd = Command.act(action, on: "GW000001", expectedVersion: nil)
                if allowed.contains(state) {
                    let bodies = m.run(cmd)
                    XCTAssertEqual(bodies.map(\.type), types, "\(action.verb) in \(state)")
                    let after = m.case("GW000001")
                    let expected = handOver ? (state == .reported ? .reported : .accepted) : (result ?? state)
                    XCTAssertEqual(after?.state, expected, "\(action.verb) in \(state)")
                    XCTAssertEqual(after?.version, (before?.version ?? 0) + types.count)
                    allowedCount += 1
                } else {
                    XCTAssertEqual(m.refusal(cmd), .invalidTransition(case: "GW000001", action: action.verb, state: state),
                                   "\(action.verb) in \(state) must be refused")
                    refusedCount += 1
                }
            }
        }
        XCTAssertEqual(allowedCount, Self.rules.reduce(0) { $0 + $1.1.count })
        XCTAssertEqual(allowedCount + refusedCount, Self.rules.count * CaseState.allCases.count)
        XCTAssertGreaterThan(refusedCount, 100)
    }

    /// A refused key says what to do first; the step is found through the same table.
    func testTheFirstStepTowardsAnAction() {
        let all = ActionKind.allCases
        XCTAssertEqual(ActionKind.resolve.firstStep(from: .dispatched, among: all), .sign)
        XCTAssertEqual(ActionKind.close.firstStep(from: .dispatched, among: all), .sign, "sign, then resolve, then close")
        XCTAssertEqual(ActionKind.dispatch.firstStep(from: .reported, among: all), .accept)
        XCTAssertEqual(ActionKind.resolve.firstStep(from: .closed, among: all), .reopen)
        XCTAssertEqual(ActionKind.visit.firstStep(from: .resolved, among: all), .close)
        XCTAssertNil(ActionKind.accept.firstStep(from: .voided, among: all), "nothing leaves a voided case")
        XCTAssertNil(ActionKind.resolve.firstStep(from: .dispatched, among: [.resolve, .close]), "only the actions the person may take")
        for kind in all {
            for state in CaseState.allCases where !kind.applies(in: state) {
                guard let step = kind.firstStep(from: state, among: all) else { continue }
                XCTAssertTrue(step.applies(in: state), "\(kind) from \(state): \(step) must apply now")
                XCTAssertNotEqual(step, kind)
            }
        }
    }
}
