/// Everything a key can do in the console.
public enum Action: String, CaseIterable, Sendable {
    case up, down, left, right, pageUp, pageDown
    case nextPane, previousPane
    case detail, filter, command, help, pause, quit, indicators
    case accept, dispatch, escalate, sendDown, returnCase, supervise, extend, resolve, close, visit, reopen, merge

    /// Whether the action changes data (and so needs a selected case, and never navigates).
    public var changesData: Bool {
        switch self {
        case .accept, .dispatch, .escalate, .sendDown, .returnCase, .supervise, .extend, .resolve, .close, .visit, .reopen, .merge:
            true
        default:
            false
        }
    }
}
