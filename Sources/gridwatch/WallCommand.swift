import ArgumentParser
import Dashboard
import EventStore
import Foundation

/// `gridwatch wall`: the read-only wall display.
struct WallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wall",
        abstract: "The read-only wall display (works with read permission only, e.g. over ssh).",
        discussion: """
        Opens the log read-only and never writes. Only q does anything. When the store cannot \
        be read, or no event or console heartbeat has been seen for --stale-after seconds, a \
        banner says so; the wall recovers by itself when the store is back.
        """
    )

    @Option(help: ArgumentHelp("The store directory.", valueName: "PATH")) var store: String?
    @Option(help: ArgumentHelp("Fix the scope to this unit (default: the city).", valueName: "CODE")) var unit: String?
    @Option(help: ArgumentHelp("Rotate through the counties every SECONDS (off by default).", valueName: "SECONDS")) var rotate: Int?
    @Option(help: ArgumentHelp("Theme name or path.", valueName: "NAME|PATH")) var theme: String = "high-contrast"
    @Option(help: ArgumentHelp("Seconds without an event or heartbeat before the wall says the data is stale.", valueName: "SECONDS"))
    var staleAfter: Int = 120
    @Option(help: ArgumentHelp("Label language: zh or en (default from the locale).", valueName: "LANG")) var lang: String?

    func run() throws {
        try runReporting {
            if let rotate, !(5...86400).contains(rotate) { throw CLIError("--rotate must be between 5 and 86400 seconds", code: 64) }
            guard (5...86400).contains(staleAfter) else { throw CLIError("--stale-after must be between 5 and 86400 seconds", code: 64) }
            let language = try ConsoleOptions(lang: lang).language()
            let paths = StorePaths(directory: store ?? StorePaths.defaultDirectory())
            let feed = try FileFeed(paths: paths)
            if let unit, feed.model.unit(unit) == nil { throw CLIError("unknown unit '\(unit.prefix(40))'") }
            try WallApp(feed: feed, lang: language, theme: loadTheme(theme), unit: unit, rotate: rotate,
                        staleAfter: TimeInterval(staleAfter)).run()
        }
    }
}

extension ConsoleOptions {
    init(lang: String?) {
        self.init()
        self.lang = lang
    }
}
