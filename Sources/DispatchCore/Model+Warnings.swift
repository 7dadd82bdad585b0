import Foundation

extension Model {
    /// The keys a report is counted under: its reporter, its place and category, and
    /// for hotspots the grid and its village with the category.
    func reportKeys(location: String, category: Category, reporter: String) -> [ReportKey] {
        var keys: [ReportKey] = []
        keys.reserveCapacity(4)
        let name = ReportKey.trimmed(reporter)
        if !name.isEmpty { keys.append(.reporter(name)) }
        guard let u = unitIndex[location] else { return keys }
        keys.append(.place(u, category))
        for a in ancestors[Int(u)].prefix(2) where units[Int(a)].tier >= .village { keys.append(.hotspot(a, category)) }
        return keys
    }

    /// Warnings a new report sets off: repeats, hotspots, crowds. A rule fires when its
    /// count within the window reaches the threshold and it has not fired for the same
    /// reporter or place within the window, so one episode gives one warning; one report
    /// raises at most one warning per rule (the same reporter at the same place is one
    /// repeat, not two).
    func warnings(for r: CaseReport) -> [Warning] {
        let rules = warningRules
        var out: [Warning] = []
        for key in reportKeys(location: r.location, category: r.category, reporter: r.reporter) {
            let rule: WarningRule = key.isHotspot ? .hotspot : .repeat
            if out.contains(where: { $0.rule == rule }) { continue }
            let window = key.isHotspot ? rules.hotspotWindow : rules.repeatWindow
            let threshold = key.isHotspot ? rules.hotspotCount : rules.repeatCount
            let from = r.reportedAt.adding(Duration(ms: -window.ms))
            let archived = archive?.reportCount(under: key, after: from, upTo: r.reportedAt) ?? 0
            // By binary search: the marks are in time order, so one busy place costs
            // log(n) per report, not n.
            let earlier = ReportMark.window(reportIndex[key] ?? [], after: from, upTo: r.reportedAt)
            // One warning per episode: none again while the last one for this key is within the window.
            guard archived + earlier.count + 1 >= threshold, !(lastWarning(for: key).map { $0 > from } ?? false) else { continue }
            let older = archived == 0 ? [] : archive?.reportNumbers(under: key, after: from, upTo: r.reportedAt) ?? []
            let cases = older + earlier.map { self.cases[Int($0.caseIndex)].number } + [r.number]
            let unit = key.unitIndex.map { units[Int($0)].code } ?? r.location
            out.append(Warning(rule: rule, cases: cases, unit: unit, episode: "\(text(of: key))|\(r.number)",
                               note: note(for: key, count: threshold)))
        }
        if r.people >= rules.crowdPeople {
            out.append(Warning(rule: .crowd, cases: [r.number], unit: r.location, episode: "crowd|\(r.number)",
                               note: "\(r.people) people involved"))
        }
        return out
    }

    /// The key as episodes spell it: `r|NAME`, `p|CODE|CATEGORY` or `h|CODE|CATEGORY`.
    func text(of key: ReportKey) -> String {
        switch key {
        case .reporter(let name): "r|\(name)"
        case .place(let u, let c): "p|\(units[Int(u)].code)|\(c.rawValue)"
        case .hotspot(let u, let c): "h|\(units[Int(u)].code)|\(c.rawValue)"
        }
    }

    private func note(for key: ReportKey, count: Int) -> String {
        switch key {
        case .reporter(let name): "\(count) reports by \(name) within the window"
        case .hotspot(_, let c): "\(count) \(c.rawValue) reports in one place within the window"
        case .place(let u, let c): "\(count) \(c.rawValue) reports at \(units[Int(u)].code) within the window"
        }
    }

    /// When `key` last raised a warning (the triggering report's time), here or in the archive.
    func lastWarning(for key: ReportKey) -> Instant? {
        lastWarned[key] ?? archive?.lastWarning(for: key)
    }

    /// Whether an episode (`KEY|CASE`) is a repeat or hotspot episode, which `lastWarned` tracks.
    static func isReportEpisode(_ episode: String) -> Bool {
        episode.hasPrefix("r|") || episode.hasPrefix("p|") || episode.hasPrefix("h|")
    }

    /// What time has made due at `t`: supervision cards for overdue cases (the highest
    /// card due, once per level) and an `overdue` warning with each red card. The store
    /// decides these again under its lock, so concurrent sweeps record each once.
    ///
    /// At the model's own time (or earlier) only the overdue cases are looked at, so a
    /// console sweeping every few seconds costs what is overdue, not every case.
    public func sweep(at t: Instant) -> [Command] {
        var out: [Command] = []
        let candidates: [Int32] = t <= now
            ? roots.flatMap { overdueSets[Int($0)].sorted }.sorted()
            : cases.indices.map(Int32.init)
        for i in candidates {
            let c = cases[Int(i)]
            guard c.state == .reported || c.state.isInHand else { continue }
            let (deadline, limit, what) = c.state == .reported
                ? (acceptBy(c), limits.acceptLimit(c.level), "acceptance")
                : (c.dueAt, limits.resolveLimit(c.level), "resolution")
            let late = t.since(deadline).ms
            guard late > 0 else { continue }
            let due: SupervisionLevel = Double(late) > Double(limit.ms) * cards.red ? .red
                : Double(late) > Double(limit.ms) * cards.yellow ? .yellow : .none
            guard due > c.supervision else { continue }
            out.append(.act(.supervise(level: due, note: OverdueNote(acceptance: c.state == .reported, deadline: deadline).text),
                            on: c.number, expectedVersion: nil))
            if due == .red {
                out.append(.raiseWarning(Warning(rule: .overdue, cases: [c.number], unit: c.location,
                                                 episode: "overdue|\(c.number)|\(c.version)", note: "red card: overdue \(what)")))
            }
        }
        return out
    }
}
