import DispatchCore
import TerminalUI

/// Which part of the console has the keyboard.
public enum Focus: Int, CaseIterable, Sendable {
    case alerts, dispatch, followUps, grid

    /// The work queue a pane shows; nil for the tier grid.
    var queue: QueueKind? {
        switch self {
        case .alerts: .incoming
        case .dispatch: .inHand
        case .followUps: .followUps
        case .grid: nil
        }
    }
}

/// A pane's cursor: the selected row, the first visible row, and the case selected,
/// so the selection stays on the same case when new rows arrive.
public struct PaneCursor: Hashable, Sendable {
    public var selected = 0
    public var offset = 0
    public var number: String?
    public init() {}
}

/// Whether the console is following the log.
public enum FeedState: Hashable, Sendable {
    case live
    /// The store cannot be read or nothing was seen for a while; the reason.
    case stale(String)
}

/// Everything the console shows besides the model: selection, focus, overlays.
public struct ConsoleState: Sendable {
    /// Unit codes chosen in the tier grid, from the city down; the last is the scope.
    public var path: [String]
    public var focus: Focus = .alerts
    public var cursors: [Focus: PaneCursor] = [:]
    /// Per-pane filter text (`/`), which may hold named filters (`@red`).
    public var filters: [Focus: String] = [:]
    /// A filter typed by hand, put aside while `F` cycles the named ones.
    public var typedFilters: [Focus: String] = [:]
    /// Per-pane order (`O`); newest first when absent.
    public var sorts: [Focus: PaneSort] = [:]
    /// Grid columns the wheel has scrolled: the first row shown, by column, for the
    /// path they were scrolled under (another selection shows each column afresh).
    public var gridScroll: (path: [String], first: [Int: Int]) = ([], [:])
    /// Whether the third pane lists cases that are done instead of follow-ups (`C`).
    public var showDone = false
    /// Cases marked (Space) for one action on them all (`a` accepts every marked alert).
    public var marked: Set<String> = []
    /// The pane the marks were made in: a bulk action works there only, on the marked
    /// cases that pane still lists; elsewhere keys act on the selected case as usual.
    public var markedPane: Focus?
    /// Commands typed at `:`, oldest first, for ↑ and ↓ in the prompt.
    public var commandHistory: [String] = []
    /// What Tab at the `:` prompt could complete to, listed above it.
    public var completions: [String] = []
    /// Where ↑ and ↓ are in `commandHistory` while the prompt is open.
    public var historyPosition = 0
    /// What was typed at the prompt before ↑ went into the history.
    public var historyDraft = ""
    /// The keys, after the config file's `[keys]`; help and hints are made from them.
    public var bindings: [Binding] = KeyMap.console
    /// Whether the console takes the mouse (`[console] mouse`); help describes it only then.
    public var mouse = false
    /// The cases each pane showed, top row first, in the frame last drawn: a click means
    /// the case the person saw there, even if new alerts have moved the rows since.
    public var shown: [Focus: [String]] = [:]
    /// The size of the frame last drawn, which mouse clicks are measured against.
    public var screen = (width: 0, height: 0)
    /// Sorted and filtered rows, shared by this state's copies.
    public let rowsCache = PaneRowsCache()
    /// Frozen rows while paused (`p`): case indices per pane.
    public var frozen: [Focus: [Int32]]?
    /// The newest case number's ordinal when the lists were paused: what came since is "new".
    public var pausedAtOrdinal = 0
    public var overlay: Overlay = .none
    /// The last message for the status line.
    public var message: String = ""
    public var messageIsError = false
    public var lang: Lang
    public var themeName: String
    public var operatorName: String
    public var feed: FeedState = .live
    public var eventCount: UInt64 = 0
    /// The clock shown in the header and used for deadlines.
    public var now: Instant
    /// The local time zone's offset, for showing and reading times.
    public var utcOffsetSeconds: Int
    /// Local midnight of the console's day.
    public var midnight: Instant { Format.localMidnight(now, offset: utcOffsetSeconds) }
    /// What the person at this console may do (nil: no policy, as in tests).
    public var access: AccessCheck?
    /// Set when the console shows a moment of the past (`--as-of`): it says so in the
    /// header and refuses every action.
    public var past: String?
    /// The last 24 hours for every unit, for the indicators overlay (nil: not built).
    public var trends: Trends?
    /// The indicators overlay's figures, kept while it is open (nil: not built).
    public var tallies: OverlayTallies?
    /// How many units of `path` are fixed: a town officer's console starts at the town
    /// and cannot leave it (1: only the city is fixed).
    public var floor = 1

    /// A console scoped to the model's first root unit (the city), Alerts focused.
    public init(model: Model, lang: Lang, themeName: String, operatorName: String, now: Instant, utcOffsetSeconds: Int) {
        path = model.roots.first.map { [model.units[Int($0)].code] } ?? []
        self.lang = lang
        self.themeName = themeName
        self.operatorName = operatorName
        self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
        for f in Focus.allCases { cursors[f] = PaneCursor() }
    }

    /// The unit that scopes the panes.
    public var scope: String { path.last ?? "" }

    /// Fixes the console to `access`'s home unit when it may not view everything: the
    /// path down to it cannot be left, so the panes show that subtree only.
    public mutating func restrict(to access: AccessCheck, model: Model) {
        self.access = access
        guard !access.principal.mayEverywhere(.viewer, in: model), let home = access.homeUnit(in: model) else { return }
        path = model.path(of: home).reversed()
        floor = max(1, path.count)
    }

    /// Whether the person may take `kind` on `c` (always, with no policy).
    public func mayTake(_ kind: ActionKind, on c: CaseRecord, model: Model) -> Bool {
        guard past == nil else { return false }
        return access?.mayTake(kind, on: c, in: model) ?? true
    }

    /// The key the person has for `action` (after `[keys]`), for messages that name it.
    public func key(_ action: Action) -> String {
        bindings.first { $0.action == action }?.keyLabel ?? "?"
    }

    /// Whether the live lists are frozen.
    public var isPaused: Bool { frozen != nil }
}

/// A pop-up over the console.
public enum Overlay: Sendable {
    case none
    case help
    /// The case detail; the timeline arrives after a `loadTimeline` effect.
    case detail(number: String, timeline: [TimelineEntry]?)
    case form(PendingForm)
    case picker(PendingPicker)
    /// What `:find` found: pick one to open its detail.
    case found(query: String, picker: Picker)
    case confirm(PendingConfirm)
    /// A one-line prompt: `/` filter or `:` command.
    case prompt(PromptKind, TextField)
    /// The indicators of the selected unit, for today and for all time.
    case indicators
}

/// What a prompt is for.
public enum PromptKind: Sendable { case filter, command }

/// One line of a case's timeline.
public struct TimelineEntry: Hashable, Sendable {
    public var seq: UInt64
    public var event: Event
    public init(seq: UInt64, event: Event) { self.seq = seq; self.event = event }
}

/// A form that collects input for an action on one case.
public struct PendingForm: Sendable {
    public var kind: ActionKind
    public var number: String
    /// The case version the officer saw; a change meanwhile is a conflict.
    public var version: Int
    public var title: String
    public var form: Form
    public var error: String?
    /// For dispatch and send-down: what the picker chose.
    public var choice: PickerSelection?
    /// Shown under the fields when there is no error (the cases a warning links, for a merge).
    public var note: String? = nil
}

/// A picker of centres and agencies (dispatch) or of lower centres (send down).
public struct PendingPicker: Sendable {
    public var kind: ActionKind
    public var number: String
    public var version: Int
    public var title: String
    public var picker: Picker
}

/// A yes/no question before a destructive action.
public struct PendingConfirm: Sendable {
    public var question: String
    public var command: Command
    public var summary: String
}
