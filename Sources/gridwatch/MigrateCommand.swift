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
    @OptionGroup var accessOptions: AccessOptions

    func run() throws {
        try runReporting {
            let policy: Policy
            if let config { try Installation.checkConfig(config) }
            do { policy = try ConfigFile.load(config, environment: Installation.environment()) } catch { throw CLIError("\(error)") }
            let report: StoreMigration.Report, destination: StoreLocation, source: StoreLocation
            do throws(StoreError) {
                source = try StoreLocation(argument: from, environment: Installation.environment())
                destination = try StoreLocation(argument: to, environment: Installation.environment())
            } catch { throw CLIError(error) }
            _ = try accessOptions.requireWhole(.admin, for: "migrate", at: source)
            do throws(StoreError) {
                report = try StoreMigration.migrate(from: source, to: destination, StoreLocation.Options(policy: policy))
            } catch { throw CLIError(error) }
            Output.line("migrated \(report.records) events to \(Sanitizer.inert(destination.description)): last seq \(report.lastSeq), head \(report.head); the copy verifies")
        }
    }
}
