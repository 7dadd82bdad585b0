import DispatchCore

/// The last 24 hours, an hour a bucket, for every unit's subtree: reports, resolutions,
/// and the overdue cases open at the end of each hour. Built once from the model, then
/// kept as events arrive and hours pass: drawing a chart never scans the cases.
public struct Trends: Sendable {
    /// What a series counts.
    public enum Series: Int, CaseIterable, Sendable {
        case reported, resolved, overdue
    }

    public static let hours = 24
    /// Milliseconds in a bucket.
    static let hourMs: Int64 = 3_600_000
    /// The hour (since the epoch) of the newest bucket.
    public private(set) var hour: Int64
    // [series][unit * hours + slot], slot = hour % hours.
    private var counts: [[Int32]]
    private var unitCount: Int

    /// The trends of `model` as of `now`, from one pass over its cases.
    public init(model: Model, now: Instant) {
        hour = now.ms / Self.hourMs
        unitCount = model.units.count
        counts = Array(repeating: Array(repeating: 0, count: unitCount * Self.hours), count: Series.allCases.count)
        let from = (hour - Int64(Self.hours) + 1) * Self.hourMs
        for c in model.cases {
            if c.reportedAt.ms >= from { add(.reported, c.location, at: c.reportedAt, model) }
            if let r = c.resolvedAt, r.ms >= from { add(.resolved, c.location, at: r, model) }
            addOverdue(c, from: from, until: now, model)
        }
    }

    /// Counts what `events` report and resolve.
    public mutating func apply(_ events: [Event], model: Model) {
        growIfNeeded(model)
        for e in events {
            switch e.body {
            case .caseReported(let r): add(.reported, r.location, at: r.reportedAt, model)
            case .caseResolved(let n, _): if let c = model.case(n) { add(.resolved, c.location, at: e.at, model) }
            default: continue
            }
        }
    }

    /// Moves to the hour of `now`: a finished hour keeps the overdue count it ended
    /// with, and the hours that start are empty.
    public mutating func advance(to now: Instant, model: Model) {
        growIfNeeded(model)
        let target = now.ms / Self.hourMs
        guard target > hour else { return }
        let ending = slot(hour)
        for u in 0..<min(unitCount, model.counts.count) { counts[Series.overdue.rawValue][u * Self.hours + ending] = Int32(model.counts[u].overdue) }
        for h in (hour + 1)...min(target, hour + Int64(Self.hours)) {
            let s = slot(h)
            for series in counts.indices { for u in 0..<unitCount { counts[series][u * Self.hours + s] = 0 } }
        }
        hour = target
    }

    /// A unit's series, oldest hour first; the newest overdue value is the live count.
    public func values(_ series: Series, unit code: String, model: Model) -> [Int] {
        guard let u = model.unitIndex(of: code), u < unitCount else { return Array(repeating: 0, count: Self.hours) }
        var out = (0..<Self.hours).map { i in Int(counts[series.rawValue][u * Self.hours + slot(hour - Int64(Self.hours - 1 - i))]) }
        if series == .overdue { out[Self.hours - 1] = model.counts[u].overdue }
        return out
    }

    private func slot(_ h: Int64) -> Int { Int(((h % Int64(Self.hours)) + Int64(Self.hours)) % Int64(Self.hours)) }

    private mutating func add(_ series: Series, _ location: String, at t: Instant, _ model: Model) {
        let h = t.ms / Self.hourMs
        guard h <= hour, h > hour - Int64(Self.hours) else { return }
        for u in chain(location, model) { counts[series.rawValue][u * Self.hours + slot(h)] += 1 }
    }

    /// The unit indices from `location` up to the root (those the trends hold).
    private func chain(_ location: String, _ model: Model) -> [Int] {
        model.path(of: location).compactMap { model.unitIndex(of: $0) }.filter { $0 < unitCount }
    }

    /// Marks the ends of past hours at which `c` was open and past due.
    private mutating func addOverdue(_ c: CaseRecord, from: Int64, until now: Instant, _ model: Model) {
        guard c.dueAt.ms < now.ms, c.state != .voided, c.state != .merged else { return }
        let settled = [c.resolvedAt, c.closedAt].compactMap { $0?.ms }.min() ?? Int64.max
        guard settled > from else { return }
        var h = max(hour - Int64(Self.hours) + 1, c.dueAt.ms / Self.hourMs)
        // The chain is looked up once a case, not once an hour.
        var units: [Int]?
        while h < hour {
            let end = (h + 1) * Self.hourMs
            if end > c.dueAt.ms, end <= settled, end > c.reportedAt.ms {
                if units == nil { units = chain(c.location, model) }
                for u in units ?? [] { counts[Series.overdue.rawValue][u * Self.hours + slot(h)] += 1 }
            }
            h += 1
        }
    }

    /// Units registered since the trends were built get empty series.
    private mutating func growIfNeeded(_ model: Model) {
        guard model.units.count > unitCount else { return }
        let extra = (model.units.count - unitCount) * Self.hours
        for s in counts.indices { counts[s] += Array(repeating: 0, count: extra) }
        unitCount = model.units.count
    }
}

/// A row of block elements for a series, scaled to its largest value (or `scale`).
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` as `width` cells (the newest on the right); an empty hour is a space.
    public static func render(_ values: [Int], width: Int, scale: Int? = nil) -> String {
        let shown = Array(values.suffix(max(0, width)))
        let top = max(1, scale ?? shown.max() ?? 1)
        return String(shown.map { v -> Character in
            guard v > 0 else { return " " }
            return levels[min(levels.count - 1, max(0, (v * levels.count - 1) / top))]
        })
    }
}
