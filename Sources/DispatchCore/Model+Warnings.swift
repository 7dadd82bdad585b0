import Foundation

extension Model {
    /// The keys a report is counted under: its reporter, its place and category, and
    /// for hotspots the grid and its village with the category.
    func reportKeys(location: String, category: Category, reporter: String) -> [String] {
        var keys: [String] = []
        let name = reporter.trimmingCharacters(in: .whitespaces)
        if !name.isEmpty { keys.append("r|\(name)") }
        keys.append("p|\(location)|\(category.rawValue)")
        for code in path(of: location).prefix(2) where unit(code).map({ $0.tier >= .village }) == true {
            keys.append("h|\(code)|\(category.rawValue)")
        }
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
            let rule: WarningRule = key.hasPrefix("h|") ? .hotspot : .repeat
            if out.contains(where: { $0.rule == rule }) { continue }
            let hotspot = key.hasPrefix("h|")
            let window = hotspot ? rules.hotspotWindow : rules.repeatWindow
            let threshold = hotspot ? rules.hotspotCount : rules.repeatCount
            let from = r.reportedAt.adding(Duration(ms: -window.ms))
            let earlier = (reportIndex[key] ?? []).filter { $0.at > from && $0.at <= r.reportedAt }
            // One warning per episode: none again while the last one for this key is within the window.
            guard earlier.count + 1 >= threshold, !(lastWarned[key].map { $0 > from } ?? false) else { continue }
            let cases = earlier.map { self.cases[Int($0.caseIndex)].number } + [r.number]
            let parts = key.split(separator: "|").map(String.init)
            let unit = key.hasPrefix("r|") ? r.location : parts[1]
            out.append(Warning(rule: hotspot ? .hotspot : .repeat, cases: cases, unit: unit,
                               episode: "\(key)|\(r.number)", note: note(for: key, count: threshold)))
        }
        if r.people >= rules.crowdPeople {
            out.append(Warning(rule: .crowd, cases: [r.number], unit: r.location, episode: "crowd|\(r.number)",
                               note: "\(r.people) people involved"))
        }
        return out
    }

    private func note(for key: String, count: Int) -> String {
        let p = key.split(separator: "|").map(String.init)
        switch p.first {
        case "r": return "\(count) reports by \(p.count > 1 ? p[1] : "") within the window"
        case "h": return "\(count) \(p.count > 2 ? p[2] : "") reports in one place within the window"
        default: return "\(count) \(p.count > 2 ? p[2] : "") reports at \(p.count > 1 ? p[1] : "") within the window"
        }
    }

    /// The report key of a repeat or hotspot episode (`KEY|CASE`), for `lastWarned`.
    static func reportKey(ofEpisode episode: String) -> String? {
        guard episode.hasPrefix("r|") || episode.hasPrefix("p|") || episode.hasPrefix("h|"),
              let bar = episode.lastIndex(of: "|") else { return nil }
        return String(episode[..<bar])
    }

    /// What time has made due at `t`: supervision cards for overdue cases (the highest
    /// card due, once per level) and an `overdue` warning with each red card. The store
    /// decides these again under its lock, so concurrent sweeps record each once.
    public func sweep(at t: Instant) -> [Command] {
        var out: [Command] = []
        for c in cases where c.state == .reported || c.state.isInHand {
            let (deadline, limit, what) = c.state == .reported
                ? (acceptBy(c), limits.acceptLimit(c.level), "acceptance")
                : (c.dueAt, limits.resolveLimit(c.level), "resolution")
            let late = t.since(deadline).ms
            guard late > 0 else { continue }
            let due: SupervisionLevel = Double(late) > Double(limit.ms) * cards.red ? .red
                : Double(late) > Double(limit.ms) * cards.yellow ? .yellow : .none
            guard due > c.supervision else { continue }
            out.append(.act(.supervise(level: due, note: "overdue \(what) (\(what == "acceptance" ? "accept by" : "due") \(deadline.iso8601))"),
                            on: c.number, expectedVersion: nil))
            if due == .red {
                out.append(.raiseWarning(Warning(rule: .overdue, cases: [c.number], unit: c.location,
                                                 episode: "overdue|\(c.number)|\(c.version)", note: "red card: overdue \(what)")))
            }
        }
        return out
    }
}
