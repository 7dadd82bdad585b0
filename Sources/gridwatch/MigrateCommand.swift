import ArgumentParser
import Config
import DispatchCore
import EventStore
import GridwatchRuntime
import TerminalUI

/// `gridwatch migrate`: a store copied, hash chain unchanged, into a new store of another kind.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a store, hash chain unchanged, into a new file or PostgreSQL store, and verify the copy.",
        discussion: """
        The source is only read; stop its writers first, or events appended meanwhile are not \
        copied. The destination must not exist yet: a failed copy leaves nothing there. Afterwards \
        both stores verify and `events --head` prints the same line for each.
        """
    )

    @Option(help: ArgumentHelp("The store to copy (a directory or postgres://…).", valueName: "STORE")) var from: String
    @Option(help: ArgumentHelp("The new store (a directory or postgres://…).", valueName: "STORE")) var to: String
    @Option(name: .long, help: ArgumentHelp("Time limits for the snapshot left in the new store (TOML).", valueName: "PATH"))
    var config: String?

    func run() throws {
        try runReporting {
            let policy: Policy
            do { policy = try ConfigFile.load(config) } catch { throw CLIError("\(error)") }
            let report: StoreMigration.Report, destination: StoreLocation
            do throws(StoreError) {
                let source = try StoreLocation(argument: from)
                destination = try StoreLocation(argument: to)
                report = try StoreMigration.migrate(from: source, to: destination, StoreLocation.Options(policy: policy))
            } catch { throw CLIError(error) }
            Output.line("migrated \(report.records) events to \(Sanitizer.inert(destination.description)): last seq \(report.lastSeq), head \(report.head); the copy verifies")
        }
    }
}
