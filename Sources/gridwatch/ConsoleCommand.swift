import ArgumentParser
import Foundation
import Config
import Dashboard
import DispatchCore
import EventStore
import GridwatchRuntime
import TerminalUI

/// `gridwatch` with no subcommand: the live console.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the live console (the default when no subcommand is given).",
        discussion: "When standard output is not a terminal, or TERM=dumb, prints a plain-text snapshot and exits."
    )

    @OptionGroup var options: StoreOptions
    @OptionGroup var console: ConsoleOptions
    @OptionGroup var past: PastOptions

    func run() throws {
        try runReporting {
            let lang = try console.language()
            let theme = try loadTheme(console.theme)
            let settings = try options.consoleSettings()
            // A moment of the past opens read-only on what the log held then, without
            // loading the present first.
            if past.isSet {
                let me = try options.require(.viewer, for: "the console")
                guard let then = try past.store(options, now: Instant(Date())) else { return }
                then.access = AccessCheck(me)
                ConsoleLauncher.run(store: then, lang: lang, theme: theme, themeName: console.theme, settings: settings, onSecond: nil)
                return
            }
            let store = try options.openForWriting(.viewer, for: "the console")
            ConsoleLauncher.run(store: store, lang: lang, theme: theme, themeName: console.theme, settings: settings, onSecond: nil)
        }
    }
}

/// Wires a console to a terminal (or prints its snapshot), runs it, and closes the store.
enum ConsoleLauncher {
    static func run(store: any CaseStore, lang: Lang, theme: Theme, themeName: String, settings: ConsoleSettings = ConsoleSettings(),
                    onSecond: (() -> Void)?) {
        // Without a usable terminal the console still prints what it would show.
        let target = (try? TerminalSession.open(theme: theme)) ?? .snapshot(width: 100, height: 30)
        switch target {
        case .snapshot(let w, let h):
            let app = ConsoleRuntime(store: store, terminal: TestTerminal(width: w, height: h), clock: SystemClock(),
                                     lang: lang, themeName: themeName, bindings: settings.bindings)
            PlainSnapshot.print(app.snapshot(width: w, height: h))
            // A glance changes nothing: no snapshot is written for it.
            store.close(snapshotAfter: .max)
        case .terminal(let terminal):
            let app = ConsoleRuntime(store: store, terminal: terminal, clock: SystemClock(), lang: lang, themeName: themeName,
                                     bindings: settings.bindings, mouse: settings.mouse)
            app.onSecond = onSecond
            app.onFrame = FrameTrace.open()
            app.run()
            terminal.restore()
            // A clean exit leaves a snapshot, so the next start replays nothing it need not.
            store.close(snapshotAfter: 1)
        }
    }
}

/// Loads a theme or fails with the file, line and element named.
func loadTheme(_ nameOrPath: String) throws -> TerminalUI.Theme {
    do { return try ThemeCatalog.load(nameOrPath) } catch { throw CLIError(error.description, code: 1) }
}
