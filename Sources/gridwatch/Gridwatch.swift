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
        version: Gridwatch.release,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, WallCommand.self, InitCommand.self, RaiseCommand.self, IngestCommand.self, CaseCommand.self,
            SweepCommand.self, StatsCommand.self, HandoverCommand.self,
            EventsCommand.self, VerifyCommand.self, RecoverCommand.self, MigrateCommand.self, UnitsCommand.self, AgenciesCommand.self, ServeCommand.self, ReplayCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// What `gridwatch --version` prints; raised by hand with each release.
    static let release = "0.1.0"

    /// Runs the command, then flushes buffered output before exiting.
    ///
    /// `raise` is the command hotlines and scripts start once per alert, so a well-formed
    /// one is read without the parser's runtime reflection (`RaiseFastParse`), and any
    /// other `raise` is parsed on its own: building the whole command tree first costs
    /// about 2 ms more. Anything else, `--help` and every parse error included, goes
    /// through the whole tree, so usage and messages are the same either way.
    static func main() {
        Installation.setUmask()
        StderrLogHandler.bootstrap(level: Installation.processEnvironment["GRIDWATCH_LOG"])
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "raise", let raise = quickRaise(Array(arguments.dropFirst())) {
            execute(raise)
        } else {
            do { execute(try parseAsRoot(arguments)) } catch { exit(withError: error) }
        }
    }

    /// `raise`'s arguments read without the whole tree: by `RaiseFastParse`, else by the
    /// parser on `raise` alone; nil when neither takes them (the tree then says why).
    private static func quickRaise(_ arguments: [String]) -> ParsableCommand? {
        if let raise = RaiseFastParse.parse(arguments) { return raise }
        guard !arguments.isEmpty, let raise = try? RaiseCommand.parseAsRoot(arguments), raise is RaiseCommand else { return nil }
        return raise
    }

    private static func execute(_ parsed: ParsableCommand) {
        var command = parsed
        do {
            try command.run()
            Output.flush()
        } catch {
            Output.flush()
            exit(withError: error)
        }
    }
}
