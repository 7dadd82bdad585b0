import DispatchCore
import EventStore
import Foundation
import TerminalUI

/// The report itself: pure, from the model. Read in a minute: a summary first, then
/// the cases that need the next shift's attention in full, then the rest counted
/// (listed with `all`).
public enum Handover {
    /// The report for `scope`'s subtree since `since`, as of the model's time.
    public static func markdown(_ m: Model, scope: String, since: Instant, offset: Int, all: Bool = false) -> String {
        let now = m.now
        let inScope = m.cases.filter { m.isWithin($0.location, scope) || m.isWithin($0.owner, scope) }
        let cameIn = inScope.filter { $0.recordedAt >= since }
        let closed = inScope.filter { ($0.closedAt ?? Instant(ms: .min)) >= since }
        let open = inScope.filter { $0.state.isOpen }
        let attention = open.filter { $0.level == .red || m.isOverdue($0) || $0.escalations > 0 }
        var md = ["# 交接班报告 Shift handover: \(cell(m.unit(scope)?.name ?? scope))", "",
                  "\(TimeInput.format(since, utcOffsetSeconds: offset)) – \(TimeInput.format(now, utcOffsetSeconds: offset))", ""]
        md += summary(m, scope: scope, since: since, cameIn: cameIn, closed: closed, open: open)
        md += section("Needs attention: red, overdue or escalated", attention, m, offset: offset, list: true)
        md += section("Came in", cameIn, m, offset: offset, list: all)
        md += section("Closed", closed, m, offset: offset, list: all)
        md += tiers(m, scope: scope)
        let warnings = m.warnings.filter { w in w.cases.contains { n in m.case(n).map { m.isWithin($0.location, scope) } ?? false } }
        md += ["## Warnings (\(warnings.count))", ""]
        md += warnings.isEmpty ? ["None.", ""] : warnings.map { "- **\($0.rule.rawValue)** \(cell($0.note)): \($0.cases.joined(separator: ", "))" } + [""]
        let nextShift = now.adding(.hours(12))
        let due = inScope.filter { $0.state == .closed && (m.followUpDue($0).map { $0 <= nextShift } ?? false) }
        md += section("Follow-ups due next shift", due, m, offset: offset, list: true)
        return md.joined(separator: "\n")
    }

    /// Counts by level, category and tier, and what the shift did.
    static func summary(_ m: Model, scope: String, since: Instant, cameIn: [CaseRecord], closed: [CaseRecord], open: [CaseRecord]) -> [String] {
        let k = Indicators.compute(m, unit: scope, since: since, until: nil)
        let byLevel = { (cases: [CaseRecord]) in
            RiskLevel.allCases.map { l in "\(l.rawValue) \(cases.filter { $0.level == l }.count)" }.joined(separator: ", ")
        }
        var perCategory: [String: Int] = [:]
        for c in open { perCategory[c.category.rawValue, default: 0] += 1 }
        let ranked: [(name: String, count: Int)] = perCategory.map { (name: $0.key, count: $0.value) }
            .sorted { a, b in a.count != b.count ? a.count > b.count : a.name < b.name }
        let categories: [String] = ranked.prefix(5).map { "\($0.name) \($0.count)" }
        let tiers = Tier.allCases.compactMap { t -> String? in
            let n = open.filter { m.unit($0.owner)?.tier == t }.count
            return n > 0 ? "\(t.en.lowercased()) \(n)" : nil
        }
        return ["## Summary", "",
                "- Came in (recorded since then, backdated reports included): \(cameIn.count) (\(byLevel(cameIn))); closed: \(closed.count).",
                "- Of the cases reported since then: \(k.accepted) accepted, \(k.dispatched) dispatched, \(k.resolved) resolved, \(k.escalated) escalated.",
                "- Open now: \(open.count) (\(byLevel(open))); overdue \(open.filter { m.isOverdue($0) }.count); not yet accepted \(open.filter { $0.state == .reported }.count).",
                "- Open by category: \(categories.isEmpty ? "none" : categories.joined(separator: ", ")).",
                "- Open by the tier that holds them: \(tiers.isEmpty ? "none" : tiers.joined(separator: ", ")).", ""]
    }

    /// A list of cases in full, or only counted by level when `list` is false.
    static func section(_ title: String, _ cases: [CaseRecord], _ m: Model, offset: Int, list: Bool) -> [String] {
        var out = ["## \(title) (\(cases.count))", ""]
        guard !cases.isEmpty else { return out + ["None.", ""] }
        guard list else {
            let levels = RiskLevel.allCases.map { l in "\(l.rawValue) \(cases.filter { $0.level == l }.count)" }
            return out + ["By level: \(levels.joined(separator: ", ")). `--all` lists them.", ""]
        }
        out += ["| case | level | category | place | title | state | deadline |", "|---|---|---|---|---|---|---|"]
        for c in cases.prefix(200) {
            let late = m.isOverdue(c) ? " (overdue)" : ""
            // A case not yet accepted runs against its accept-by time, as on the screens.
            let deadline = c.state == .reported ? "accept by " + TimeInput.format(m.acceptBy(c), utcOffsetSeconds: offset)
                : "due " + TimeInput.format(c.dueAt, utcOffsetSeconds: offset)
            out.append("| \(c.number) | \(c.level.rawValue) | \(c.category.rawValue) | \(cell(place(c.location, m))) | \(cell(c.title)) | \(c.state.rawValue)\(late) | \(deadline) |")
        }
        if cases.count > 200 { out += ["", "… and \(cases.count - 200) more."] }
        return out + [""]
    }

    /// `town · village · grid`: the place from its town down, so that the many grid
    /// cells called 第一网格 can be told apart.
    static func place(_ code: String, _ m: Model) -> String {
        let names = m.path(of: code).compactMap { m.unit($0) }.filter { $0.tier >= .town }.reversed().map(\.name)
        return names.isEmpty ? (m.unit(code)?.name ?? code) : names.joined(separator: " · ")
    }

    static func tiers(_ m: Model, scope: String) -> [String] {
        var md = ["## Open and overdue by tier", "", "| tier | unit | open | overdue | unaccepted |", "|---|---|---:|---:|---:|"]
        for code in tierRows(m, scope: scope) {
            guard let u = m.unit(code), let k = m.counts(for: code), k.open > 0 else { continue }
            md.append("| \(u.tier.en) | \(cell(u.name)) (\(code)) | \(k.open) | \(k.overdue) | \(k.unaccepted) |")
        }
        return md + [""]
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
