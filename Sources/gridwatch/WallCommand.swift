import ArgumentParser
import Dashboard
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import TerminalUI

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
    @OptionGroup var accessOptions: AccessOptions
    @OptionGroup var past: PastOptions

    func run() throws {
        try runReporting {
            if let rotate, !(5...86400).contains(rotate) { throw CLIError("--rotate must be between 5 and 86400 seconds", code: 64) }
            guard (5...86400).contains(staleAfter) else { throw CLIError("--stale-after must be between 5 and 86400 seconds", code: 64) }
            let language = try ConsoleOptions(lang: lang).language()
            let me = try accessOptions.require(.viewer, for: "the wall")
            let location = try Installation.location(store)
            // A moment of the past: the log replayed up to it, still read-only, without
            // loading the present first.
            let feed: any CaseFeed
            if let then = try past.store(at: location, policy: .defaults, now: Instant(Date())) {
                feed = then
            } else {
                do throws(StoreError) { feed = try location.openFeed() } catch { throw CLIError(error) }
            }
            if let unit, feed.model.unit(unit) == nil { throw CLIError("unknown unit '\(unit.prefix(40))'") }
            // Someone who may not view the whole city sees their own subtree, fixed.
            let access = AccessCheck(me)
            var unit = self.unit, rotate = self.rotate
            if !me.mayEverywhere(.viewer, in: feed.model) {
                guard let home = unit ?? access.homeUnit(in: feed.model) else { throw CLIError("access denied: no granted unit is in this store", code: 77) }
                // Refused, never recorded: a wall writes nothing, not even that.
                guard access.mayView(home, in: feed.model) else {
                    throw AccessOptions.Refused(me, "the wall", "\(home) is outside the units you may view (\(me.roles))")
                }
                unit = home
                rotate = nil
            }
            let t = try loadTheme(theme)
            let target: TerminalSession.Target
            do throws(TerminalUIError) { target = try TerminalSession.open(theme: t) } catch { throw CLIError(error.description) }
            let terminal: any Terminal
            switch target {
            case .terminal(let nc): terminal = nc
            case .snapshot(let w, let h): terminal = TestTerminal(width: w, height: h)
            }
            let wall = WallRuntime(feed: feed, reopen: { () throws(StoreError) in try location.openFeed() }, terminal: terminal,
                                   clock: SystemClock(), lang: language, unit: unit, rotateSeconds: rotate,
                                   staleAfter: .seconds(Int64(staleAfter)))
            if case .snapshot(let w, let h) = target {
                PlainSnapshot.print(wall.snapshot(width: w, height: h))
                return
            }
            wall.onFrame = FrameTrace.open()
            wall.run()
            terminal.restore()
        }
    }
}

/// `GRIDWATCH_FRAME_TRACE=FILE` appends `SEQ UNIX_MS` after each frame a wall or a
/// console draws, for the benchmarks' append-to-screen delay.
enum FrameTrace {
    static func open(environment: [String: String] = Installation.processEnvironment) -> ((UInt64) -> Void)? {
        guard let path = environment["GRIDWATCH_FRAME_TRACE"], let file = fopen(path, "a") else { return nil }
        return { seq in
            fputs("\(seq) \(Int64(Date().timeIntervalSince1970 * 1000))\n", file)
            fflush(file)
        }
    }
}

extension ConsoleOptions {
    init(lang: String?) {
        self.init()
        self.lang = lang
    }
}
