import ArgumentParser
import DispatchCore
import EventStore
import GridwatchRuntime

/// `gridwatch sweep`: apply what time has made due, once (for cron or a systemd timer).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Raise the supervision cards and overdue warnings that time has made due, once.",
        discussion: "Safe to run from several places at once: each card and warning is decided under the writer lock and recorded once."
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        try runReporting {
            let store = try options.openForWriting(.officer, for: "sweep")
            defer { store.close() }
            let (cards, warnings) = try Sweeper.run(store)
            Output.line("sweep: \(cards) cards, \(warnings) warnings")
        }
    }
}
