import ArgumentParser
import DispatchCore
import EventStore
import Foundation

/// `gridwatch stats`: the closed-loop indicators.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the indicators for a unit's subtree and period.",
        discussion: """
        Counts distinct cases located in the unit's subtree and reported in [--since, --until). \
        Rates are fractions from 0 to 1 (null when there is nothing to divide by). --csv prints \
        one row per unit of the tier below the scope.
        """
    )

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("The unit (default: the root, the city).", valueName: "CODE")) var unit: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Period start: ISO 8601, local YYYY-MM-DD HH:MM, or relative such as -7d or -12h.", valueName: "TIME")) var since: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Period end, exclusive.", valueName: "TIME")) var until: String?
    @Flag(help: "One JSON object.") var json = false
    @Flag(help: "CSV, one row per unit of the tier below the scope.") var csv = false
    @OptionGroup var past: PastOptions

    func run() throws {
        try runReporting {
            guard !(json && csv) else { throw CLIError("give at most one of --json and --csv", code: 64) }
            let (m, moment, access) = try past.model(options, for: "stats")
            if let moment { Output.note(moment) }
            guard let scope = unit ?? access.homeUnit(in: m) else { throw CLIError("the store has no units") }
            guard m.unit(scope) != nil else { throw CLIError(DomainError.unknownUnit(scope).description) }
            try options.requireView(scope, access, m, for: "stats")
            let from = try since.map { try TimeArgument.past($0, now: m.now) }
            let to = try until.map { try TimeArgument.parse($0, now: m.now) }
            if csv {
                Output.line(StatsFormat.csvHeader)
                for child in m.children[m.unitIndex(of: scope) ?? 0] {
                    let u = m.units[Int(child)]
                    Output.line(StatsFormat.csvRow(Indicators.compute(m, unit: u.code, since: from, until: to), name: u.name))
                }
                return
            }
            let k = Indicators.compute(m, unit: scope, since: from, until: to)
            Output.line(json ? StatsFormat.json(k, since: from, until: to) : StatsFormat.text(k, name: m.unit(scope)?.name ?? scope))
        }
    }
}

/// The three forms of the indicators.
enum StatsFormat {
    static func number(_ r: Double?) -> String {
        guard let r else { return "null" }
        return String(format: "%.4f", r).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }

    static func json(_ k: Indicators, since: Instant?, until: Instant?) -> String {
        var pairs: [(String, String)] = [("unit", JSONText.quote(k.unit)),
                                          ("since", since.map { JSONText.quote($0.iso8601) } ?? "null"),
                                          ("until", until.map { JSONText.quote($0.iso8601) } ?? "null")]
        pairs += k.counts.map { ($0.0, String($0.1)) }
        pairs += k.rates.map { ($0.0, number($0.1)) }
        return JSONText.object(pairs)
    }

    static var csvHeader: String {
        (["unit", "name"] + Indicators(unit: "").counts.map(\.0) + Indicators(unit: "").rates.map(\.0)).joined(separator: ",")
    }

    static func csvRow(_ k: Indicators, name: String) -> String {
        let fields = [k.unit, csvField(name)] + k.counts.map { String($0.1) } + k.rates.map { $0.1 == nil ? "" : number($0.1) }
        return fields.joined(separator: ",")
    }

    /// Quotes a CSV field and neutralises spreadsheet formulas in untrusted names.
    static func csvField(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(_ k: Indicators, name: String) -> String {
        var lines = ["\(name) (\(k.unit))"]
        lines += k.counts.map { "  \($0.0.padding(toLength: 36, withPad: " ", startingAt: 0)) \($0.1)" }
        lines += k.rates.map { "  \($0.0.padding(toLength: 36, withPad: " ", startingAt: 0)) \($0.1.map { String(format: "%.1f%%", $0 * 100) } ?? "—")" }
        return lines.joined(separator: "\n")
    }
}
