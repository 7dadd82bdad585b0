import DispatchCore

/// Everything a key can do in the console: move and look, or act on the selected case.
public enum Action: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown
    /// The first and the last row of the focused list.
    case top, bottom
    case nextPane, previousPane
    case detail, filter, command, help, pause, quit, indicators
    /// An action of the lifecycle on the selected case (see `CaseActionTable`).
    case act(ActionKind)

    /// Whether the action changes data (and so needs a selected case, and never navigates).
    public var changesData: Bool {
        if case .act = self { return true }
        return false
    }

    /// The lifecycle action, if this is one.
    public var kind: ActionKind? {
        if case .act(let k) = self { return k }
        return nil
    }
}
