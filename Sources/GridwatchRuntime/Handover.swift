import DispatchCore
import EventStore
import Foundation
import TerminalUI

/// The report itself: pure, from the model.
public enum Handover {
    /// The report for `scope`'s subtree since `since`, as of the model's time.
    public static func markdown(_ m: Model, scope: String, since: Instant, offset: Int) -> String {
        let now = m.now
        let inScope = m.cases.filter { m.isWithin($0.location, scope) }
        let cameIn = inScope.filter { $0.recordedAt >= since }
        let closed = inScope.filter { ($0.closedAt ?? Instant(ms: .min)) >= since }
        var md = ["# 交接班报告 Shift handover: \(cell(m.unit(scope)?.name ?? scope))", "",
                  "\(TimeInput.format(since, utcOffsetSeconds: offset)) – \(TimeInput.format(now, utcOffsetSeconds: offset))", ""]
        md += section("Came in", cameIn, m, offset: offset)
        md += section("Closed", closed, m, offset: offset)
        md += ["## Open and overdue by tier", "", "| tier | unit | open | overdue | unaccepted |", "|---|---|---:|---:|---:|"]
        for code in tierRows(m, scope: scope) {
            guard let u = m.unit(code), let k = m.counts(for: code), k.open > 0 else { continue }
            md.append("| \(u.tier.en) | \(cell(u.name)) (\(code)) | \(k.open) | \(k.overdue) | \(k.unaccepted) |")
        }
        md.append("")
        let warnings = m.warnings.filter { w in w.cases.contains { n in m.case(n).map { m.isWithin($0.location, scope) } ?? false } }
        md += ["## Warnings (\(warnings.count))", ""]
        md += warnings.isEmpty ? ["None.", ""] : warnings.map { "- **\($0.rule.rawValue)** \(cell($0.note)): \($0.cases.joined(separator: ", "))" } + [""]
        let nextShift = now.adding(.hours(12))
        let due = inScope.filter { $0.state == .closed && (m.followUpDue($0).map { $0 <= nextShift } ?? false) }
        md += section("Follow-ups due next shift", due, m, offset: offset)
        return md.joined(separator: "\n")
    }

    static func section(_ title: String, _ cases: [CaseRecord], _ m: Model, offset: Int) -> [String] {
        var out = ["## \(title) (\(cases.count))", ""]
        guard !cases.isEmpty else { return out + ["None.", ""] }
        out += ["| case | level | category | place | title | state | due |", "|---|---|---|---|---|---|---|"]
        for c in cases.prefix(200) {
            out.append("| \(c.number) | \(c.level.rawValue) | \(c.category.rawValue) | \(cell(m.unit(c.location)?.name ?? c.location)) | \(cell(c.title)) | \(c.state.rawValue) | \(TimeInput.format(c.dueAt, utcOffsetSeconds: offset)) |")
        }
        if cases.count > 200 { out += ["", "… and \(cases.count - 200) more."] }
        return out + [""]
    }

    /// The scope and every unit below it down to the towns, in tree order.
    static func tierRows(_ m: Model, scope: String) -> [String] {
        guard let i = m.unitIndex(of: scope) else { return [] }
        var out = [scope]
        if m.units[i].tier < .town { for c in m.children[i] { out += tierRows(m, scope: m.units[Int(c)].code) } }
        return out
    }

    /// Untrusted text made safe for a Markdown table cell and for a terminal.
    static func cell(_ s: String) -> String {
        Sanitizer.inert(s).replacingOccurrences(of: "|", with: "\\|")
    }
}
