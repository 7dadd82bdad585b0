import DispatchCore
import TerminalUI

/// What happened, for `ConsoleUpdate.update`.
public enum Message: Sendable {
    /// A key was pressed.
    case key(Key)
    /// A recorded command succeeded.
    case executed(summary: String)
    /// A command was refused or failed; `conflict` means the case changed meanwhile.
    case failed(String, conflict: Bool)
    /// An action was refused because someone changed the case meanwhile; says what
    /// changed, so the console can keep the officer's form or call the work done.
    case conflict(CaseConflict)
    /// A case's timeline was read.
    case timeline(number: String, entries: [TimelineEntry])
    /// The theme is now `name`.
    case themeChanged(name: String)
    /// A theme could not be loaded, and why.
    case themeFailed(String)
    /// The clock moved.
    case tick(Instant)
    /// The store was read: it is live, and holds this many events.
    case refreshed(eventCount: UInt64)
    /// The store could not be read; the console keeps the last model on screen.
    case storeFailed(String)
}

/// What `update` asks the outside world to do. `update` itself never does I/O.
public enum Effect: Sendable, Equatable {
    /// Record a command in the store.
    case execute(Command, summary: String)
    /// Read a case's events for the detail view.
    case loadTimeline(String)
    /// Switch to a theme by name or path.
    case setTheme(String)
    /// Record one command for each of several cases (a bulk action on marked cases);
    /// `done` names the action ("accepted"), `skipped` counts the marked cases it did
    /// not apply to; the runtime counts what was done and names the first refusal.
    case executeAll([Command], done: String, skipped: Int)
    /// Put text on the clipboard of the terminal the officer sits at (OSC 52).
    case copy(String)
    /// Leave the console.
    case quit
}

/// What another console (or command) did to a case since the officer looked at it.
public struct CaseConflict: Hashable, Sendable {
    /// The case.
    public var number: String
    /// What the officer tried to do.
    public var attempted: ActionKind
    /// The latest change: its action (nil for other events, such as a warning), who
    /// recorded it and when.
    public var changed: ActionKind?
    public var actor: String
    public var at: Instant

    /// Creates a conflict report.
    public init(number: String, attempted: ActionKind, changed: ActionKind?, actor: String, at: Instant) {
        self.number = number; self.attempted = attempted; self.changed = changed; self.actor = actor; self.at = at
    }
}
