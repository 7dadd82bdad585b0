/// The closed-loop indicators for a unit's subtree and a period.
///
/// The cases counted are those located in the subtree and reported in the period
/// (`since` inclusive, `until` exclusive); each counts once however many events it
/// has. `overdueOpen` is the subtree's open overdue cases now, whatever their period.
public struct Indicators: Hashable, Sendable {
    public var unit: String
    public var reported = 0, accepted = 0, acceptedOnTime = 0, dispatched = 0, resolved = 0, resolvedOnTime = 0
    public var closed = 0, visited = 0, satisfied = 0, overdueOpen = 0, escalated = 0, repeated = 0
    public var resolvedAtVillage = 0, resolvedAtTownOrBelow = 0, escalatedToCountyOrAbove = 0

    /// Zero indicators for a unit.
    public init(unit: String) { self.unit = unit }

    /// Computes the indicators of `unit`'s subtree for cases reported in [since, until).
    public static func compute(_ m: Model, unit: String, since: Instant?, until: Instant?) -> Indicators {
        var k = Indicators(unit: unit)
        k.overdueOpen = m.counts(for: unit)?.overdue ?? 0
        if let since {
            // A period's cases by search on report time: today's figures cost today's cases.
            for t in m.casesReported(since: since, until: until) {
                let c = m.cases[Int(t.index)]
                if m.isWithin(c.location, unit) { k.count(c, m) }
            }
            return k
        }
        for c in m.cases where m.isWithin(c.location, unit) {
            if let until, c.reportedAt >= until { continue }
            k.count(c, m)
        }
        return k
    }

    private mutating func count(_ c: CaseRecord, _ m: Model) {
        let marks = c.marks
        reported += 1
        if marks.accepted { accepted += 1 }
        if marks.acceptedOnTime { acceptedOnTime += 1 }
        if marks.dispatched { dispatched += 1 }
        if marks.resolved {
            resolved += 1
            if marks.resolvedOnTime { resolvedOnTime += 1 }
            if let t = marks.resolvedAtTier, t >= .village { resolvedAtVillage += 1 }
            if let t = marks.resolvedAtTier, t >= .town { resolvedAtTownOrBelow += 1 }
        }
        if marks.closed { closed += 1 }
        if c.visits > 0 {
            visited += 1
            if c.lastVisit == .satisfied || c.lastVisit == .basic { satisfied += 1 }
        }
        if c.escalations > 0 { escalated += 1 }
        if let t = marks.escalatedTo, t <= .county { escalatedToCountyOrAbove += 1 }
        if m.warnings(for: c.number).contains(where: { $0.rule == .repeat }) { repeated += 1 }
    }

    /// A fraction, or nil when nothing was there to count.
    public static func rate(_ n: Int, _ d: Int) -> Double? { d == 0 ? nil : Double(n) / Double(d) }

    /// The rates, by their JSON names, with the denominators documented in README.
    public var rates: [(String, Double?)] {
        [
            ("acceptance_rate", Self.rate(accepted, reported)),
            ("on_time_acceptance_rate", Self.rate(acceptedOnTime, accepted)),
            ("resolution_rate", Self.rate(resolved, accepted)),
            ("on_time_resolution_rate", Self.rate(resolvedOnTime, resolved)),
            ("followup_rate", Self.rate(visited, closed)),
            ("satisfaction_rate", Self.rate(satisfied, visited)),
            ("repeat_rate", Self.rate(repeated, reported)),
            ("resolved_at_village_share", Self.rate(resolvedAtVillage, resolved)),
            ("resolved_at_town_or_below_share", Self.rate(resolvedAtTownOrBelow, resolved)),
            ("escalated_to_county_or_above_share", Self.rate(escalatedToCountyOrAbove, reported)),
        ]
    }

    /// The counts, by their JSON names.
    public var counts: [(String, Int)] {
        [
            ("reported", reported), ("accepted", accepted), ("dispatched", dispatched), ("resolved", resolved),
            ("closed", closed), ("visited", visited), ("satisfied", satisfied), ("overdue_open", overdueOpen),
            ("escalated", escalated),
        ]
    }
}
