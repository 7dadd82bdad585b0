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

    private mutating func count(_ c: CaseRecord, _ m: Model) { add(Self.share(of: c, m), +1) }

    /// What one case adds to each count: a bit for each, so a case's share can be taken
    /// out again when it changes (`PeriodTally`).
    public struct Share: OptionSet, Hashable, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        static let reported = Share(rawValue: 1 << 0), accepted = Share(rawValue: 1 << 1)
        static let acceptedOnTime = Share(rawValue: 1 << 2), dispatched = Share(rawValue: 1 << 3)
        static let resolved = Share(rawValue: 1 << 4), resolvedOnTime = Share(rawValue: 1 << 5)
        static let resolvedAtVillage = Share(rawValue: 1 << 6), resolvedAtTownOrBelow = Share(rawValue: 1 << 7)
        static let closed = Share(rawValue: 1 << 8), visited = Share(rawValue: 1 << 9), satisfied = Share(rawValue: 1 << 10)
        static let escalated = Share(rawValue: 1 << 11), escalatedToCountyOrAbove = Share(rawValue: 1 << 12)
        static let repeated = Share(rawValue: 1 << 13)
    }

    /// The counts `c` adds to: one rule for a period's figures, counted or kept.
    public static func share(of c: CaseRecord, _ m: Model) -> Share {
        let marks = c.marks
        var s: Share = .reported
        if marks.accepted { s.insert(.accepted) }
        if marks.acceptedOnTime { s.insert(.acceptedOnTime) }
        if marks.dispatched { s.insert(.dispatched) }
        if marks.resolved {
            s.insert(.resolved)
            if marks.resolvedOnTime { s.insert(.resolvedOnTime) }
            if let t = marks.resolvedAtTier, t >= .village { s.insert(.resolvedAtVillage) }
            if let t = marks.resolvedAtTier, t >= .town { s.insert(.resolvedAtTownOrBelow) }
        }
        if marks.closed { s.insert(.closed) }
        if c.visits > 0 {
            s.insert(.visited)
            if c.lastVisit == .satisfied || c.lastVisit == .basic { s.insert(.satisfied) }
        }
        if c.escalations > 0 { s.insert(.escalated) }
        if let t = marks.escalatedTo, t <= .county { s.insert(.escalatedToCountyOrAbove) }
        if m.warnings(for: c.number).contains(where: { $0.rule == .repeat }) { s.insert(.repeated) }
        return s
    }

    /// Adds (`sign` +1) or takes out (-1) one case's share.
    mutating func add(_ s: Share, _ sign: Int) {
        func bump(_ bit: Share, _ n: inout Int) { if s.contains(bit) { n += sign } }
        bump(.reported, &reported); bump(.accepted, &accepted); bump(.acceptedOnTime, &acceptedOnTime)
        bump(.dispatched, &dispatched); bump(.resolved, &resolved); bump(.resolvedOnTime, &resolvedOnTime)
        bump(.resolvedAtVillage, &resolvedAtVillage); bump(.resolvedAtTownOrBelow, &resolvedAtTownOrBelow)
        bump(.closed, &closed); bump(.visited, &visited); bump(.satisfied, &satisfied); bump(.escalated, &escalated)
        bump(.escalatedToCountyOrAbove, &escalatedToCountyOrAbove); bump(.repeated, &repeated)
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
