/// Counts over one unit's whole subtree, kept up to date event by event.
public struct UnitCounts: Hashable, Sendable {
    /// Open cases (not closed, archived, voided or merged).
    public var open = 0
    /// Open cases past their acceptance or resolution deadline.
    public var overdue = 0
    /// Cases not yet accepted.
    public var unaccepted = 0
    /// Cases in hand (accepted through resolved).
    public var inHand = 0
    /// Closed cases awaiting a follow-up visit.
    public var followUps = 0
    /// Follow-up visits past due.
    public var followUpsOverdue = 0
    /// Open cases by level, indexed by `RiskLevel.severity`. Four numbers held inline:
    /// every unit has one, and an array would be a heap allocation per unit and a
    /// uniqueness check on every change of a count.
    public var openByLevel = SIMD4<Int>()

    /// Creates zero counts.
    public init() {}

    /// The most serious level among open cases, or nil when nothing is open.
    public var highestRisk: RiskLevel? {
        for l in [RiskLevel.red, .orange, .yellow, .blue] where openByLevel[l.severity] > 0 { return l }
        return nil
    }

    /// Open cases of one level.
    public func open(_ level: RiskLevel) -> Int { openByLevel[level.severity] }

    /// Adds another subtree's counts (for rebuilding every unit at once).
    mutating func add(_ o: UnitCounts) {
        open += o.open; overdue += o.overdue; unaccepted += o.unaccepted; inHand += o.inHand
        followUps += o.followUps; followUpsOverdue += o.followUpsOverdue
        openByLevel &+= o.openByLevel  // counts of cases: far from wrapping
    }

    mutating func add(_ c: Contribution, _ sign: Int) {
        guard c.open || c.followUp else { return }
        if c.open {
            open += sign
            openByLevel[c.level.severity] += sign
        }
        if c.overdue { overdue += sign }
        if c.unaccepted { unaccepted += sign }
        if c.inHand { inHand += sign }
        if c.followUp { followUps += sign }
        if c.followUpOverdue { followUpsOverdue += sign }
    }
}

/// The three work queues of the console.
public enum QueueKind: Int, CaseIterable, Sendable {
    /// Reported, or accepted or reopened but not yet dispatched: what the centre
    /// itself must act on next (the Alerts pane).
    case incoming
    /// Dispatched and being worked, or resolved and awaiting verification (the Dispatch pane).
    case inHand
    /// Closed and awaiting a follow-up visit (the Follow-ups pane).
    case followUps

    /// The queue a case in `state` belongs to, if any.
    public static func of(_ state: CaseState) -> QueueKind? {
        switch state {
        case .reported, .accepted, .reopened: .incoming
        case .dispatched, .inProgress, .resolved: .inHand
        case .closed: .followUps
        case .archived, .voided, .merged: nil
        }
    }
}

/// What one case adds to the counts of every unit above its location.
struct Contribution: Hashable {
    var open = false
    var overdue = false
    var unaccepted = false
    var inHand = false
    var followUp = false
    var followUpOverdue = false
    var level = RiskLevel.blue
    var queue: QueueKind?
}

/// A min-heap of (deadline, case index): the next moments at which some case's
/// overdue status changes without any event.
struct DeadlineHeap {
    private(set) var items: [(at: Int64, index: Int32)] = []

    var top: (at: Int64, index: Int32)? { items.first }

    init() {}

    /// A heap of `items` in any order, built in linear time.
    init(heapifying items: [(at: Int64, index: Int32)]) {
        self.items = items
        for i in stride(from: items.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
    }

    mutating func push(_ at: Int64, _ index: Int32) {
        items.append((at, index))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard items[i].at < items[p].at else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count, items[l].at < items[m].at { m = l }
            if r < items.count, items[r].at < items[m].at { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
    }
}
