import TerminalUI
import ArgumentParser
import DispatchCore
import EventStore

/// `gridwatch case show NUMBER`: the case and its timeline, read-only.
struct CaseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case and its timeline.")
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp("The case number.", valueName: "NUMBER")) var number: String
    @Flag(help: "Print the timeline as JSON Lines.") var json = false

    func run() throws {
        try runReporting {
            let (feed, access) = try options.openForReading(for: "case show")
            let number = CaseRecord.number(typed: self.number)
            guard let c = feed.model.case(number) else { throw CLIError(DomainError.unknownCase(number).description) }
            guard access.canSee(c, in: feed.model) else {
                let p = access.principal
                throw options.refused(AccessOptions.Refused(principal: p, denial: AccessDenial(
                    name: p.name, uid: p.uid, roles: p.roles, action: "case show", caseNumber: c.number,
                    reason: "case \(c.number) is outside the units you may view (\(p.roles))")))
            }
            if !json {
                Output.line("\(c.number)  \(c.state.rawValue)  \(c.level.rawValue)  \(c.category.rawValue)  \(Sanitizer.inert(c.title))")
                Output.line("  unit \(c.location)  owner \(c.owner)  due \(c.dueAt.iso8601)  version \(c.version)")
            }
            for seq in feed.history(of: number) {
                let events: [StoredEvent]
                events = try feed.events(in: seq...seq)
                for e in events { Output.line(json ? EventFormat.json(e) : "  " + EventFormat.text(e)) }
            }
        }
    }
}
