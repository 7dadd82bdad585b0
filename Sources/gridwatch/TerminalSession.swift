import Foundation
import NcursesBackend
import TerminalUI

/// The terminal a screen is drawn on, or the plain-text snapshot printed instead.
enum TerminalSession {
    /// What to draw on: a real terminal, or a snapshot of this size.
    enum Target {
        case terminal(NcursesTerminal)
        case snapshot(width: Int, height: Int)
    }

    /// A terminal for `theme`; a snapshot size when stdout is not a terminal or `TERM`
    /// is dumb or unset. Throws when curses cannot start on the terminal.
    static func open(theme: Theme) throws(TerminalUIError) -> Target {
        if let size = PlainSnapshot.size(Installation.processEnvironment) { return .snapshot(width: size.width, height: size.height) }
        do { return .terminal(try NcursesTerminal(theme: theme)) } catch {
            // No controlling terminal (a kiosk's start-up script, `su -c`, `setsid`): the
            // terminal on standard input and output will do.
            guard case .noTerminal = error, isatty(0) == 1, isatty(1) == 1, let name = ttyname(1) else { throw error }
            return .terminal(try NcursesTerminal(theme: theme, ttyPath: String(cString: name)))
        }
    }
}
