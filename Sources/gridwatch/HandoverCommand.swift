import ArgumentParser
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `gridwatch handover`: a Markdown shift-handover report.
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Print a Markdown shift-handover report.",
        discussion: "A summary first (counts by level, category and tier, and what the shift did since --since, default 12 hours ago), then the red, overdue and escalated cases in full, then what came in and was closed (counted; --all lists them), open and overdue per tier, warnings, and follow-ups due in the next 12 hours."
    )

    @OptionGroup var options: StoreOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Start of the shift (ISO 8601 or local YYYY-MM-DD HH:MM).", valueName: "TIME")) var since: String?
    @Option(help: ArgumentHelp("The centre's unit (default: the root).", valueName: "CODE")) var unit: String?
    @Flag(help: "List every case that came in or was closed, not only count them.") var all = false
    @OptionGroup var past: PastOptions

    func run() throws {
        try runReporting {
            let (m, moment, access) = try past.model(options, for: "handover")
            if let moment { Output.note(moment) }
            guard let scope = unit ?? access.homeUnit(in: m), m.unit(scope) != nil else {
                throw CLIError(DomainError.unknownUnit(unit ?? "").description)
            }
            try options.requireView(scope, access, m, for: "handover")
            let from = try since.map { try TimeArgument.past($0, now: m.now) } ?? m.now.adding(.hours(-12))
            Output.line(Handover.markdown(m, scope: scope, since: from, offset: TimeZone.current.secondsFromGMT(), all: all))
        }
    }
}

