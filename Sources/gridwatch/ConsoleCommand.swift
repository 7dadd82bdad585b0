import ArgumentParser
import Dashboard
import EventStore
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

    func run() throws {
        try runReporting {
            let lang = try console.language()
            let theme = try loadTheme(console.theme)
            let store = try options.openForWriting()
            try ConsoleApp(store: store, lang: lang, theme: theme, themeName: console.theme).run()
        }
    }
}

/// Loads a theme or fails with the file, line and element named.
func loadTheme(_ nameOrPath: String) throws -> TerminalUI.Theme {
    do { return try ThemeCatalog.load(nameOrPath) } catch { throw CLIError(error.description, code: 1) }
}
