/// The indicators of the cases reported since one moment, for every unit's subtree:
/// built once from the model, then kept as events arrive. The wall's "today" strip is
/// drawn every frame, and counting today's cases each time made a frame cost more the
/// busier the day had been; kept this way, a frame reads one entry and an event touches
/// the few units above its case.
public struct PeriodTally: Sendable {
    /// The start of the period (local midnight, for "today").
    public let since: Instant
    /// Each counted case's unit and share, to be taken out when the case changes.
    private var counted: [String: (unit: Int32, share: Indicators.Share)] = [:]
    private var byUnit: [Int32: Indicators] = [:]

    /// The tally of `model` for cases reported at or after `since`: one pass over them.
    public init(model m: Model, since: Instant) {
        self.since = since
        for t in m.casesReported(since: since, until: nil) { note(m.cases[Int(t.index)], m) }
    }

    /// Follows `events`, which `model` has already applied.
    public mutating func apply(_ events: [Event], model m: Model) {
        // A moved unit changes which subtrees its cases count in: rare, so start again.
        if events.contains(where: { if case .unitMoved = $0.body { true } else { false } }) {
            self = PeriodTally(model: m, since: since)
            return
        }
        for e in events {
            switch e.body {
            case .warningRaised(let w):
                // A repeat warning marks the cases it names.
                for n in w.cases { if let c = m.case(n) { note(c, m) } }
            default:
                if let n = e.body.caseNumber, let c = m.case(n) { note(c, m) }
            }
        }
    }

    /// The figures for `code`'s subtree, with its open overdue count as the model has it now.
    public func indicators(unit code: String, model m: Model) -> Indicators {
        var k = m.unitIndex[code].flatMap { byUnit[$0] } ?? Indicators(unit: code)
        k.unit = code
        k.overdueOpen = m.counts(for: code)?.overdue ?? 0
        return k
    }

    /// Moves `c`'s share to what it is now, in every unit above its place.
    private mutating func note(_ c: CaseRecord, _ m: Model) {
        let new = c.reportedAt >= since ? m.unitIndex[c.location].map { (unit: $0, share: Indicators.share(of: c, m)) } : nil
        let old = counted[c.number]
        if old?.unit == new?.unit && old?.share == new?.share { return }
        if let old { for u in m.ancestors[Int(old.unit)] { byUnit[u, default: Indicators(unit: "")].add(old.share, -1) } }
        if let new { for u in m.ancestors[Int(new.unit)] { byUnit[u, default: Indicators(unit: "")].add(new.share, +1) } }
        counted[c.number] = new
    }
}
