import ArgumentParser
import DispatchCore
import EventStore

/// `gridwatch raise`: report one alert; prints the new case number once it is durable.
struct RaiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raise",
        abstract: "Report one alert and print its case number.",
        discussion: "The number is printed only after the record is on disk. A repeated --external-id prints the existing case's number."
    )

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("Where it happened (a grid or village code).", valueName: "CODE")) var unit: String
    @Option(help: ArgumentHelp("Category: \(Category.codeList).", valueName: "CAT")) var category: String
    @Option(help: ArgumentHelp("Risk level: red, orange, yellow, blue.", valueName: "LEVEL")) var level: String
    @Option(help: "Short title (1-\(FieldLimits.title) characters).") var title: String
    @Option(help: "Longer description.") var detail: String = ""
    @Option(help: ArgumentHelp("Source: \(Source.codeList).", valueName: "SOURCE")) var source: String = "patrol"
    @Option(help: "Who reported it.") var reporter: String = ""
    @Option(help: "Number of people involved.") var people: Int = 0
    @Option(name: .customLong("external-id"), help: "The sender's id; a repeated id is not recorded twice.") var externalId: String = ""
    @Option(name: .customLong("reported-at"), parsing: .unconditional, help: ArgumentHelp("When it was reported (ISO 8601); default now.", valueName: "TIME"))
    var reportedAt: String?

    func run() throws {
        try runReporting {
            // Reporting needs units, counters and early-warning history, not every case.
            let store = try options.openForWriting(.intake, for: "raise", scope: .reportsOnly)
            defer { store.close() }
            let newCase = try makeCase(now: store.model.now)
            if !newCase.externalId.isEmpty, let existing = store.model.caseNumber(forExternalId: newCase.externalId) {
                Output.note("external id \(newCase.externalId) is already case \(existing); nothing recorded")
                Output.line(existing)
                return
            }
            let events: [StoredEvent]
            events = try store.execute(.report(newCase))
            guard let number = events.first?.event.body.caseNumber else { throw CLIError("no case was recorded") }
            Output.line(number)
        }
    }

    private func makeCase(now: Instant) throws -> NewCase {
        guard let cat = Category.parse(category) else { throw CLIError("unknown category '\(category.prefix(40))' (use one of \(Category.codeList))") }
        guard let lvl = RiskLevel.parse(level) else { throw CLIError("unknown level '\(level.prefix(40))' (use red, orange, yellow or blue)") }
        guard let src = Source.parse(source) else { throw CLIError("unknown source '\(source.prefix(40))' (use one of \(Source.codeList))") }
        let at = try reportedAt.map { try TimeArgument.parse($0, now: now) }
        return NewCase(category: cat, level: lvl, source: src, location: unit, title: title, detail: detail,
                       reporter: reporter, people: people, externalId: externalId, reportedAt: at)
    }
}
