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
    /// Leave the console.
    case quit
}
