import TerminalUI
import ArgumentParser
import DalianSample
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `gridwatch init`: create a store from a units file or the built-in sample.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store with units from a CSV file or the built-in Dalian sample.",
        discussion: "The CSV needs the header code,name,tier,parent (tier: city, county, town, village, grid)."
    )

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("Units to register (CSV: code,name,tier,parent).", valueName: "FILE.csv"))
    var units: String?

    @Option(help: ArgumentHelp("A built-in sample: dalian.", valueName: "NAME"))
    var sample: String?

    func run() throws {
        try runReporting {
            let commands = try registrationCommands()
            let store: any CaseStore
            let location = try options.location()
            do throws(StoreError) { store = try location.create(actor: Actor.current(), commands: commands, createParents: options.isDefault) } catch {
                throw CLIError(error)
            }
            defer { store.close() }
            let m = store.model
            Output.line("created store at \(Sanitizer.inert(location.description)): \(m.units.count) units, \(m.agencies.count) agencies")
        }
    }

    private func registrationCommands() throws -> [Command] {
        switch (units, sample) {
        case (let file?, nil):
            return try UnitsCSV.load(path: file).map(Command.registerUnit)
        case (nil, let name?):
            guard name == "dalian" else { throw CLIError("unknown sample '\(name.prefix(40))' (the built-in sample is 'dalian')", code: 64) }
            do { return try DalianSample.commands() } catch { throw CLIError("built-in sample could not be read: \(error)") }
        default:
            throw CLIError("give exactly one of --units FILE.csv or --sample dalian", code: 64)
        }
    }
}
