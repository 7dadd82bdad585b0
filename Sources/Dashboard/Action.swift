import DispatchCore

/// Everything a key can do in the console: move and look, or act on the selected case.
public enum Action: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown
    /// The first and the last row of the focused list.
    case top, bottom
    case nextPane, previousPane
    case detail, filter, command, help, pause, quit, indicators
    /// Cycle the focused pane's order; mark the selected case for a bulk action; copy
    /// its number to the clipboard; cycle the pane through the named filters.
    case sort, mark, copy, savedFilter
    /// Switch the third pane between follow-ups and cases that are done (closed,
    /// archived, voided, merged), so they can still be found and reopened.
    case doneCases
    /// An action of the lifecycle on the selected case (see `CaseActionTable`).
    case act(ActionKind)

    /// Whether the action changes data (and so needs a selected case, and never navigates).
    public var changesData: Bool {
        if case .act = self { return true }
        return false
    }

    /// Whether the action only moves or looks: such keys must never be rebound to
    /// something that changes data, or a reflex keystroke could void a case.
    public var isNavigation: Bool {
        switch self {
        case .up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom, .nextPane, .previousPane: true
        default: false
        }
    }

    /// The name of the action in the config file's `[keys]` table (`accept`, `down`).
    public var configName: String {
        switch self {
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .pageUp: "page_up"
        case .pageDown: "page_down"
        case .top: "top"
        case .bottom: "bottom"
        case .nextPane: "next_pane"
        case .previousPane: "previous_pane"
        case .detail: "detail"
        case .filter: "filter"
        case .command: "command"
        case .help: "help"
        case .pause: "pause"
        case .quit: "quit"
        case .indicators: "indicators"
        case .sort: "sort"
        case .mark: "mark"
        case .copy: "copy"
        case .savedFilter: "saved_filter"
        case .doneCases: "closed_cases"
        case .act(let k): k == .sendDown ? "send_down" : k.rawValue
        }
    }

    /// The lifecycle action, if this is one.
    public var kind: ActionKind? {
        if case .act(let k) = self { return k }
        return nil
    }
}
