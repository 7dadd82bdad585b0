import ArgumentParser
import DispatchCore
import EventStore
import TerminalUI

/// `gridwatch units add|rename|retire`: the admin's upkeep of the hierarchy, as events.
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Add, rename, move or retire units (admin).",
        discussion: """
        A moved unit takes its subtree and its cases with it; the counts above follow. A retired unit \
        keeps its history and takes no new cases. Needs the admin role over the unit (and, to move it, \
        over the new parent).
        """,
        subcommands: [Add.self, Rename.self, Move.self, Retire.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a new unit under an existing one.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The new unit's code, e.g. 210203004009.") var code: String
        @Option(help: "Its name.") var name: String
        @Option(help: ArgumentHelp("Its tier: \(Tier.codeList).", valueName: "TIER")) var tier: String
        @Option(help: "The parent unit's code.") var parent: String

        func run() throws {
            try maintain(options, done: "added unit \(code)") {
                guard let t = Tier.parse(tier) else { throw CLIError("unknown tier '\(tier.prefix(20))' (use \(Tier.codeList))", code: 64) }
                return .registerUnit(Unit(code: code, name: name, tier: t, parent: parent))
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a unit a new name (its code and history stay).")
        @OptionGroup var options: StoreOptions
        @Option(help: "The unit's code.") var code: String
        @Option(help: "The new name.") var name: String

        func run() throws { try maintain(options, done: "renamed unit \(code)") { .renameUnit(code: code, name: name) } }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a unit, with its subtree, under another parent of the tier above.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The unit's code.") var code: String
        @Option(help: "The new parent's code.") var parent: String

        func run() throws { try maintain(options, done: "moved unit \(code) under \(parent)") { .moveUnit(code: code, parent: parent) } }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a unit: it keeps its history and takes no new cases.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The unit's code.") var code: String
        @Option(help: "Why (recorded).") var reason: String

        func run() throws { try maintain(options, done: "retired unit \(code)") { .retireUnit(code: code, reason: reason) } }
    }
}

/// `gridwatch agencies add|rename|retire`: the departments centres dispatch to (admin).
struct AgenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "Add, rename or retire agencies (admin).",
        discussion: "Agencies serve the whole city: changing them needs the admin role over the root unit (or \"*\").",
        subcommands: [Add.self, Rename.self, Retire.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an agency.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Short id, e.g. housing.") var id: String
        @Option(help: "Chinese name, e.g. 住建局.") var zh: String
        @Option(help: "English name.") var en: String = ""
        @Option(help: ArgumentHelp("centre, resident or rotating (the 5, N and X of 5+N+X).", valueName: "KIND")) var kind: String

        func run() throws {
            try maintain(options, done: "added agency \(id)") {
                guard let k = AgencyKinds.parse(kind) else { throw CLIError("unknown kind '\(kind.prefix(20))' (use \(AgencyKinds.codeList))", code: 64) }
                return .registerAgency(Agency(id: id, name: zh, nameEn: en, kind: k))
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an agency new names.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The agency's id.") var id: String
        @Option(help: "The new Chinese name.") var zh: String
        @Option(help: "The new English name.") var en: String = ""

        func run() throws { try maintain(options, done: "renamed agency \(id)") { .renameAgency(id: id, name: zh, nameEn: en) } }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire an agency: it keeps its history and is dispatched nothing new.")
        @OptionGroup var options: StoreOptions
        @Option(help: "The agency's id.") var id: String
        @Option(help: "Why (recorded).") var reason: String

        func run() throws { try maintain(options, done: "retired agency \(id)") { .retireAgency(id: id, reason: reason) } }
    }
}

/// Records one maintenance command as an admin, and says what was done.
private func maintain(_ options: StoreOptions, done: String, _ command: () throws -> Command) throws {
    try runReporting {
        let c = try command()
        let store = try options.openForWriting(.admin, for: "changing units and agencies")
        defer { store.close() }
        try store.execute(c)
        Output.line(Sanitizer.inert(done))
    }
}
