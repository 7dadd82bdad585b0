import ArgumentParser
import Foundation

/// The `gridwatch` command: the console (issue 3) and the subcommands for scripts.
@main
struct Gridwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridwatch",
        abstract: "Command and dispatch for comprehensive governance centres (综治中心).",
        discussion: """
        The store is a directory holding the append-only event log. It defaults to \
        $GRIDWATCH_STORE, else ${XDG_DATA_HOME:-~/.local/share}/gridwatch.
        """,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, WallCommand.self, InitCommand.self, RaiseCommand.self, IngestCommand.self, CaseCommand.self,
            SweepCommand.self, StatsCommand.self, HandoverCommand.self,
            EventsCommand.self, VerifyCommand.self, RecoverCommand.self, MigrateCommand.self, UnitsCommand.self, AgenciesCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Runs the command, then flushes buffered output before exiting.
    static func main() {
        Installation.setUmask()
        StderrLogHandler.bootstrap(level: ProcessInfo.processInfo.environment["GRIDWATCH_LOG"])
        do {
            var command = try parseAsRoot()
            try command.run()
            Output.flush()
        } catch {
            Output.flush()
            exit(withError: error)
        }
    }
}
