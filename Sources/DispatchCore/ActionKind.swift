/// The kinds of action on a case, and the lifecycle's one table of where each applies.
/// `decide`, the console's key map, status line and help, and the lifecycle tests all
/// read this table; a new action is added here and nowhere else is a state list.
public enum ActionKind: String, CaseIterable, Hashable, Sendable {
    case accept, void, dispatch, sign, `return`, reassign, escalate, sendDown, supervise, extend
    case resolve, close, visit, reopen, merge, note

    /// The states a case must be in for the action to apply.
    public var allowedStates: Set<CaseState> {
        switch self {
        case .accept, .void: [.reported]
        case .dispatch: [.accepted, .reopened]
        case .sign: [.dispatched]
        case .return, .reassign: [.dispatched, .inProgress]
        case .escalate, .sendDown, .supervise, .merge: ActionKind.working
        case .extend: [.accepted, .dispatched, .inProgress, .reopened]
        case .resolve: [.accepted, .inProgress, .reopened]
        case .close: [.resolved]
        case .visit: [.closed]
        case .reopen: [.resolved, .closed, .archived]
        case .note: ActionKind.working.union([.resolved])
        }
    }

    /// States in which a case is still being worked.
    public static let working: Set<CaseState> = [.reported, .accepted, .dispatched, .inProgress, .reopened]

    /// Whether the action applies to a case in `state`.
    public func applies(in state: CaseState) -> Bool { allowedStates.contains(state) }

    /// The verb used in messages and on the command line.
    public var verb: String {
        switch self {
        case .sendDown: "send down"
        case .visit: "record a visit for"
        case .note: "add a note to"
        default: rawValue
        }
    }

    /// The state a case in `state` is in after this action (escalating or sending down a
    /// case not yet accepted leaves it to be accepted where it goes).
    public func result(from state: CaseState) -> CaseState {
        switch self {
        case .accept, .return: .accepted
        case .void: .voided
        case .dispatch, .reassign: .dispatched
        case .sign: .inProgress
        case .escalate, .sendDown: state == .reported ? .reported : .accepted
        case .supervise, .extend, .note: state
        case .resolve: .resolved
        case .close: .closed
        case .visit: .archived
        case .reopen: .reopened
        case .merge: .merged
        }
    }

    /// The first of the fewest actions among `candidates` that make this one possible:
    /// for `resolve` on a dispatched case, `sign`; for `close`, also `sign` (then
    /// resolve). Nil when none do.
    public func firstStep(from state: CaseState, among candidates: [ActionKind]) -> ActionKind? {
        var seen: Set<CaseState> = [state]
        var frontier: [(state: CaseState, first: ActionKind?)] = [(state, nil)]
        while !frontier.isEmpty {
            var next: [(state: CaseState, first: ActionKind?)] = []
            for (current, first) in frontier {
                for a in candidates where a != self && a.applies(in: current) {
                    let after = a.result(from: current)
                    if applies(in: after) { return first ?? a }
                    if seen.insert(after).inserted { next.append((after, first ?? a)) }
                }
            }
            frontier = next
        }
        return nil
    }

    /// The actions that apply to a case in `state`, in table order.
    public static func applicable(in state: CaseState) -> [ActionKind] { allCases.filter { $0.applies(in: state) } }
}

extension CaseAction {
    /// Which kind of action this is.
    public var kind: ActionKind {
        switch self {
        case .accept: .accept
        case .void: .void
        case .dispatch: .dispatch
        case .sign: .sign
        case .return: .return
        case .reassign: .reassign
        case .escalate: .escalate
        case .sendDown: .sendDown
        case .supervise: .supervise
        case .extend: .extend
        case .resolve: .resolve
        case .close: .close
        case .visit: .visit
        case .reopen: .reopen
        case .merge: .merge
        case .note: .note
        }
    }

    /// The verb used in messages and on the command line.
    public var verb: String { kind.verb }
}

extension EventBody {
    /// The kind of action that recorded this event, for events a case action records.
    public var actionKind: ActionKind? {
        switch self {
        case .caseAccepted: .accept
        case .caseVoided: .void
        case .caseDispatched: .dispatch
        case .caseSigned: .sign
        case .caseReturned: .return
        case .caseReassigned: .reassign
        case .caseEscalated: .escalate
        case .caseSentDown: .sendDown
        case .caseSupervised: .supervise
        case .deadlineExtended: .extend
        case .caseResolved: .resolve
        case .caseClosed: .close
        case .followUpRecorded: .visit
        case .caseReopened: .reopen
        case .caseMerged: .merge
        case .caseNoted: .note
        default: nil
        }
    }
}
