import ArgumentParser
import DispatchCore
import EventStore
import TerminalUI

/// `gridwatch case ACTION NUMBER ...`: every lifecycle action, for scripts.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Act on a case: accept, dispatch, resolve, close, visit ...",
        subcommands: [
            CaseAccept.self, CaseVoid.self, CaseDispatch.self, CaseSign.self, CaseReturn.self, CaseReassign.self,
            CaseEscalate.self, CaseSendDown.self, CaseSupervise.self, CaseExtend.self, CaseResolve.self,
            CaseClose.self, CaseVisit.self, CaseReopen.self, CaseMerge.self, CaseNote.self, CaseShow.self, CaseUnknownAction.self,
        ],
        defaultSubcommand: CaseUnknownAction.self
    )
}

/// What `gridwatch case WORD ...` runs when WORD is no action: without it the parser
/// blamed the first option after the word (`Unknown option '--store'`).
struct CaseUnknownAction: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unknown-action", shouldDisplay: false)

    @Argument(parsing: .allUnrecognized) var words: [String] = []

    func run() throws {
        try runReporting {
            let actions = CaseCommand.configuration.subcommands.filter { $0 != Self.self }.map { $0._commandName }
            guard let first = words.first else {
                throw CLIError("name an action: \(actions.joined(separator: ", ")) (gridwatch case --help)", code: 64)
            }
            throw CLIError("unknown case action '\(Sanitizer.inert(String(first.prefix(40))))' (use one of \(actions.joined(separator: ", ")))",
                           code: 64)
        }
    }
}

/// Options every case action takes.
struct CaseTarget: ParsableArguments {
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp("The case number: GW000042, or just 42.", valueName: "NUMBER")) var number: String
    @Option(name: .customLong("expect-version"), help: "Refuse if the case's version is not this (it changed meanwhile).")
    var expectVersion: Int?
}

/// Opens the store, builds the action against its fresh state, records it, prints the result.
func perform(_ target: CaseTarget, _ build: (Model) throws -> CaseAction) throws {
    try runReporting {
        let store = try target.options.openForWriting(.officer, for: "case actions")
        defer { store.close() }
        let action = try build(store.model)
        let number = CaseRecord.number(typed: target.number)
        try store.execute(.act(action, on: number, expectedVersion: target.expectVersion))
        guard let c = store.model.case(number) else { throw CLIError("case \(number) vanished") }
        Output.line("\(c.number) \(c.state.rawValue) (version \(c.version))")
    }
}

/// Resolves `housing` or `210203` to an agency or a centre.
func assignee(_ text: String, in model: Model) throws -> Assignee {
    if let a = Assignee(tagged: text) { return a }
    if model.unit(text) != nil { return .centre(text) }
    if model.agency(text) != nil { return .agency(text) }
    throw CLIError("unknown agency or centre '\(text.prefix(40))' (use an agency id such as housing, or a unit code)")
}

/// Splits repeated and comma-separated `--assist` values.
func assignees(_ list: [String], in model: Model) throws -> [Assignee] {
    try list.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }.map { try assignee($0, in: model) }
}

struct CaseAccept: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept a reported case.")
    @OptionGroup var target: CaseTarget
    @Option var note: String = ""
    func run() throws { try perform(target) { _ in .accept(note: note) } }
}

struct CaseVoid: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: "Void a reported case (not a real case).")
    @OptionGroup var target: CaseTarget
    @Option var reason: String
    func run() throws { try perform(target) { _ in .void(reason: reason) } }
}

struct CaseDispatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispatch", abstract: "Dispatch to a lead unit with optional assisting units.")
    @OptionGroup var target: CaseTarget
    @Option(help: ArgumentHelp("Lead (主办): an agency id or a unit code.", valueName: "LEAD")) var to: String
    @Option(help: ArgumentHelp("Assisting unit (协办); repeat or separate with commas.", valueName: "UNIT")) var assist: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("Due time (ISO 8601 or +2h, +3d); default from the time limits.", valueName: "TIME")) var due: String?
    @Option var note: String = ""
    func run() throws {
        try perform(target) { m in
            .dispatch(lead: try assignee(to, in: m), assisting: try assignees(assist, in: m),
                      dueAt: try due.map { try TimeArgument.parse($0, now: m.now) }, note: note)
        }
    }
}

struct CaseSign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign for a dispatched case (the assignee starts work).")
    @OptionGroup var target: CaseTarget
    @Option var note: String = ""
    func run() throws { try perform(target) { _ in .sign(note: note) } }
}

struct CaseReturn: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Return a dispatched case to its owner (退单).")
    @OptionGroup var target: CaseTarget
    @Option var reason: String
    func run() throws { try perform(target) { _ in .return(reason: reason) } }
}

struct CaseReassign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reassign", abstract: "Dispatch to a different lead (改派).")
    @OptionGroup var target: CaseTarget
    @Option(help: ArgumentHelp("New lead: an agency id or a unit code.", valueName: "LEAD")) var to: String
    @Option(help: ArgumentHelp("Assisting unit; repeat or separate with commas.", valueName: "UNIT")) var assist: [String] = []
    @Option(parsing: .unconditional, help: ArgumentHelp("Due time.", valueName: "TIME")) var due: String?
    @Option var reason: String
    func run() throws {
        try perform(target) { m in
            .reassign(lead: try assignee(to, in: m), assisting: try assignees(assist, in: m),
                      dueAt: try due.map { try TimeArgument.parse($0, now: m.now) }, reason: reason)
        }
    }
}

struct CaseEscalate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalate", abstract: "Escalate to the parent tier's centre (提级).")
    @OptionGroup var target: CaseTarget
    @Option var reason: String
    func run() throws { try perform(target) { _ in .escalate(reason: reason) } }
}

struct CaseSendDown: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "send-down", abstract: "Send down to a centre below the owner (下派).")
    @OptionGroup var target: CaseTarget
    @Option(help: ArgumentHelp("The unit code of the lower centre.", valueName: "CODE")) var to: String
    @Option var reason: String
    func run() throws { try perform(target) { _ in .sendDown(to: to, reason: reason) } }
}

struct CaseSupervise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supervise", abstract: "Supervise (督办): normal, yellow or red card.")
    @OptionGroup var target: CaseTarget
    @Option(help: "normal, yellow or red.") var level: String = "normal"
    @Option var note: String = ""
    func run() throws {
        try perform(target) { _ in
            guard let l = SupervisionLevel.parse(level), l != SupervisionLevel.none else {
                throw CLIError("unknown supervision level '\(level.prefix(20))' (use normal, yellow or red)")
            }
            return .supervise(level: l, note: note)
        }
    }
}

struct CaseExtend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extend", abstract: "Extend the deadline (延期).")
    @OptionGroup var target: CaseTarget
    @Option(parsing: .unconditional, help: ArgumentHelp("New due time (ISO 8601 or +2h, +3d).", valueName: "TIME")) var due: String
    @Option var reason: String
    func run() throws { try perform(target) { m in .extend(dueAt: try TimeArgument.parse(due, now: m.now), reason: reason) } }
}

struct CaseResolve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Report the case resolved.")
    @OptionGroup var target: CaseTarget
    @Option var note: String = ""
    func run() throws { try perform(target) { _ in .resolve(note: note) } }
}

struct CaseNote: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a progress note (备注); the case's state does not change.")
    @OptionGroup var target: CaseTarget
    @Option(help: ArgumentHelp("What to record (1-\(FieldLimits.note) characters).", valueName: "TEXT")) var note: String
    func run() throws { try perform(target) { _ in .note(text: note) } }
}

struct CaseClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Verify a resolved case and close it (核查结案).")
    @OptionGroup var target: CaseTarget
    @Option var note: String = ""
    func run() throws { try perform(target) { _ in .close(note: note) } }
}

struct CaseVisit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "visit", abstract: "Record a follow-up visit (回访); unsatisfied reopens the case.")
    @OptionGroup var target: CaseTarget
    @Option(help: "satisfied, basic or unsatisfied.") var outcome: String
    @Option var note: String = ""
    func run() throws {
        try perform(target) { _ in
            guard let o = VisitOutcome.parse(outcome) else {
                throw CLIError("unknown visit outcome '\(outcome.prefix(20))' (use satisfied, basic or unsatisfied)")
            }
            return .visit(outcome: o, note: note)
        }
    }
}

struct CaseReopen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a resolved or closed case.")
    @OptionGroup var target: CaseTarget
    @Option var reason: String
    func run() throws { try perform(target) { _ in .reopen(reason: reason) } }
}

struct CaseMerge: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge a duplicate into another case (并单).")
    @OptionGroup var target: CaseTarget
    @Option(help: ArgumentHelp("The case to merge into.", valueName: "NUMBER")) var into: String
    @Option var note: String = ""
    func run() throws { try perform(target) { _ in .merge(into: CaseRecord.number(typed: into), note: note) } }
}
