import ArgumentParser
import Dashboard
import Foundation

/// Options of the console and the demo.
struct ConsoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Label language: zh or en (default from the locale).", valueName: "LANG"))
    var lang: String?

    @Option(help: ArgumentHelp("Theme: \(ThemeCatalog.names.joined(separator: ", ")), or a path to a .toml file.", valueName: "NAME|PATH"))
    var theme: String = "default"

    /// The language to use.
    func language() throws -> Lang {
        guard let lang else { return Lang.fromLocale(Installation.processEnvironment) }
        guard let l = Lang(rawValue: lang) else { throw CLIError("unknown language '\(lang.prefix(20))' (use zh or en)", code: 64) }
        return l
    }
}
