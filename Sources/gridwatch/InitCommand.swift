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
        discussion: """
        The units CSV needs the header code,name,tier,parent (tier: city, county, town, village, grid); the agencies CSV id,zh,en,kind. Needs the admin role over the root unit (or "*") in the access policy.
        """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp("Units to register (CSV: code,name,tier,parent).", valueName: "FILE.csv"))
    var units: String?

    @Option(help: ArgumentHelp("A built-in sample: dalian.", valueName: "NAME"))
    var sample: String?

    @Option(help: ArgumentHelp("Agencies to register with --units (CSV: id,zh,en,kind; kind centre, resident or rotating).", valueName: "FILE.csv"))
    var agencies: String?

    func run() throws {
        try runReporting {
            let commands = try registrationCommands()
            let me = try options.require(.admin, for: "init")
            let roots = commands.compactMap { c -> String? in
                if case .registerUnit(let u) = c, u.parent == nil { return u.code }
                return nil
            }
            guard me.grants.contains(where: { g in g.role == .admin && (g.unit == "*" || roots.contains(g.unit)) }) else {
                throw CLIError("access denied: init needs the admin role over the root unit \(roots.first ?? "") or \"*\"; \(me.name) has \(me.roles)", code: 77)
            }
            let store: any CaseStore
            let location = try options.location()
            let openOptions = try options.openOptions()
            do throws(StoreError) {
                store = try location.create(actor: me.actor, commands: commands, openOptions, createParents: options.isDefault)
            } catch { throw CLIError(error) }
            defer { store.close() }
            let m = store.model
            Output.line("created store at \(Sanitizer.inert(location.description)): \(m.units.count) units, \(m.agencies.count) agencies")
        }
    }

    private func registrationCommands() throws -> [Command] {
        switch (units, sample) {
        case (let file?, nil):
            let agencyCommands = try agencies.map { try AgenciesCSV.load(path: $0).map(Command.registerAgency) } ?? []
            return try UnitsCSV.load(path: file).map(Command.registerUnit) + agencyCommands
        case (nil, let name?):
            guard agencies == nil else { throw CLIError("--agencies goes with --units; the sample has its own agencies", code: 64) }
            guard name == "dalian" else { throw CLIError("unknown sample '\(name.prefix(40))' (the built-in sample is 'dalian')", code: 64) }
            do { return try DalianSample.commands() } catch { throw CLIError("built-in sample could not be read: \(error)") }
        default:
            throw CLIError("give exactly one of --units FILE.csv or --sample dalian", code: 64)
        }
    }
}
