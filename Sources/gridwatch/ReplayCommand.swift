import ArgumentParser
import Dashboard
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import TerminalUI

/// `gridwatch replay`: a past stretch of the log played onto the wall or the console at
/// a chosen speed (复盘), for reviews and training. Read-only, like `--as-of`.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a past stretch of the log onto the wall (or the console) at a chosen speed.",
        discussion: """
        The screen starts as things stood at --from and shows each event when the replay's \
        clock reaches it, --speed times faster than real time, until --to; then it holds the \
        last moment until q. Nothing can be changed: every action is refused. The header \
        shows the replay's clock; the banner the stretch and the speed.
        """
    )

    @Option(help: ArgumentHelp("The store: a directory or postgres://... (as for every command).", valueName: "STORE")) var store: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Where to start (ISO 8601, local YYYY-MM-DD HH:MM, or relative such as -8h).", valueName: "TIME"))
    var from: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Where to stop (default: now).", valueName: "TIME")) var to: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("How many times faster than real time (1-86400).", valueName: "N")) var speed: Double = 60
    @Flag(help: "Play onto the console (read-only) instead of the wall.") var console = false
    @Option(help: ArgumentHelp("Fix the wall's scope to this unit (default: the city).", valueName: "CODE")) var unit: String?
    @Option(help: ArgumentHelp("Label language: zh or en (default from the locale).", valueName: "LANG")) var lang: String?
    @Option(help: ArgumentHelp("Theme name or path.", valueName: "NAME|PATH")) var theme: String?
    @OptionGroup var accessOptions: AccessOptions

    func run() throws {
        try runReporting {
            guard speed >= 1, speed <= 86400 else { throw CLIError("--speed must be from 1 to 86400", code: 64) }
            let language = try ConsoleOptions(lang: lang).language()
            let me = try accessOptions.require(.viewer, for: "replay")
            let location = try Installation.location(store)
            let now = Instant(Date())
            let start: Instant, end: Instant
            do {
                start = try TimeArgument.past(from, now: now, flag: "--from")
                // What has not happened yet cannot be played: a later --to stops at now.
                end = min(now, try to.map { try TimeArgument.parse($0, now: now) } ?? now)
            } catch let e as CLIError { throw CLIError(e.message, code: 64) }
            guard start < end else { throw CLIError("--from must be before --to", code: 64) }
            let clock = ReplayClock(from: start, to: end, speed: speed)
            let replay: ReplayStore
            do throws(StoreError) {
                let (scan, snapshot, _) = try PastScan.open(location, policy: .defaults, until: start, seq: nil)
                replay = try ReplayStore(scan, policy: .defaults, clock: clock, location: location.description,
                                         utcOffsetSeconds: TimeZone.current.secondsFromGMT(), start: snapshot)
            } catch { throw CLIError(error) }
            if replay.lastSeq == 0, replay.remaining == 0 { throw CLIError("nothing was recorded by \(to ?? "now"): the store's first event is later") }
            if let unit, replay.model.unit(unit) == nil { throw CLIError("unknown unit '\(unit.prefix(40))'", code: 64) }
            let access = AccessCheck(me)
            replay.access = access
            let t = try loadTheme(theme ?? (console ? "default" : "high-contrast"))
            let target: TerminalSession.Target
            do throws(TerminalUIError) { target = try TerminalSession.open(theme: t) } catch { throw CLIError(error.description) }
            guard case .terminal(let terminal) = target else { throw CLIError("replay needs a terminal to play onto") }
            if console {
                let app = ConsoleRuntime(store: replay, terminal: terminal, clock: SystemClock(), lang: language, themeName: t.name)
                app.run()
            } else {
                let home = me.mayEverywhere(.viewer, in: replay.model) ? unit : (unit ?? access.homeUnit(in: replay.model))
                if let home, !access.mayView(home, in: replay.model) {
                    throw AccessOptions.Refused(me, "replay", "\(home) is outside the units you may view (\(me.roles))")
                }
                let wall = WallRuntime(feed: replay, reopen: { () throws(StoreError) in replay }, terminal: terminal, clock: SystemClock(),
                                       lang: language, unit: home, rotateSeconds: nil, staleAfter: .seconds(86400))
                wall.run()
            }
            terminal.restore()
        }
    }
}
