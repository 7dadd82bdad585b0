import DispatchCore
import Synchronization

/// How a case pane is ordered (`O` cycles, a click on a column header picks one).
public enum PaneSort: Int, CaseIterable, Hashable, Sendable {
    /// Newest report first: the live feed.
    case newest
    /// Most serious level first, newest first within a level.
    case level
    /// Least time left first (overdue at the top).
    case deadline
    /// Oldest report first: what has waited longest.
    case oldest

    /// The name `:sort` takes.
    var configName: String {
        switch self {
        case .newest: "newest"
        case .level: "level"
        case .deadline: "deadline"
        case .oldest: "oldest"
        }
    }

    /// The next order in the cycle.
    var next: PaneSort { PaneSort(rawValue: (rawValue + 1) % PaneSort.allCases.count) ?? .newest }

    func label(_ l: Lang) -> String {
        switch self {
        case .newest: l.pick("最新", "newest")
        case .level: l.pick("级别", "level")
        case .deadline: l.pick("时限", "time left")
        case .oldest: l.pick("最久", "oldest")
        }
    }

    /// `rows` in this order, ties newest first. Each case's key is worked out once, not
    /// once a comparison (a deadline reads the time limits or the follow-up delay).
    func sorted(_ rows: [Int32], in f: Focus, model: Model) -> [Int32] {
        let keyed = rows.map { i -> (key: Int64, ordinal: Int, index: Int32) in
            let c = model.cases[Int(i)]
            let key: Int64 = switch self {
            case .newest, .oldest: 0
            case .level: Int64(-c.level.severity)
            case .deadline: PaneSort.deadline(c, in: f, model: model).ms
            }
            return (key, self == .oldest ? c.ordinal : -c.ordinal, i)
        }
        return keyed.sorted { ($0.key, $0.ordinal) < ($1.key, $1.ordinal) }.map(\.index)
    }

    /// The deadline a pane's time column counts down to: accept-by for a case not yet
    /// accepted, the visit for a follow-up, the due time for anything else in hand. A
    /// resolved case waiting for its check has no deadline of its own and goes last.
    static func deadline(_ c: CaseRecord, in f: Focus, model: Model) -> Instant {
        if f == .followUps { return model.followUpDue(c) ?? Instant(ms: .max) }
        if c.state == .resolved { return Instant(ms: .max) }
        return c.state == .reported ? model.acceptBy(c) : c.dueAt
    }
}

/// The named filters a pane filter may hold (`/@red`, or `F` to cycle through them),
/// combined with any text typed beside them.
public enum SavedFilter: String, CaseIterable, Sendable {
    /// Owned by the centre this console sits at (the person's home unit, or without an
    /// access policy the unit chosen in the grid).
    case mine
    /// Red level.
    case red
    /// Past its deadline in this pane.
    case overdue
    /// Not yet accepted.
    case new

    /// The filter text that selects it.
    var token: String { "@" + rawValue }

    func label(_ l: Lang) -> String {
        switch self {
        case .mine: l.pick("本中心", "mine")
        case .red: l.pick("红色", "red")
        case .overdue: l.pick("超期", "overdue")
        case .new: l.pick("待受理", "new")
        }
    }

    func matches(_ c: CaseRecord, in f: Focus, home: String, model: Model) -> Bool {
        switch self {
        case .mine: c.owner == home
        case .red: c.level == .red
        case .overdue: model.now > PaneSort.deadline(c, in: f, model: model)
        case .new: c.state == .reported
        }
    }

    /// Splits filter text into its named filters and the rest; nil names an unknown one.
    static func parse(_ text: String) -> (filters: [SavedFilter], rest: String, unknown: String?) {
        var filters: [SavedFilter] = [], rest: [Substring] = [], unknown: String?
        for word in text.split(separator: " ") {
            guard word.hasPrefix("@") else { rest.append(word); continue }
            if let f = SavedFilter(rawValue: String(word.dropFirst()).lowercased()) { filters.append(f) } else { unknown = String(word) }
        }
        return (filters, rest.joined(separator: " "), unknown)
    }

    /// The named filter that `text` is exactly (`@red`, `@RED`), if it is one alone.
    static func alone(_ text: String) -> SavedFilter? {
        text.hasPrefix("@") ? SavedFilter(rawValue: String(text.dropFirst()).lowercased()) : nil
    }

    /// The filter after `current` in the `F` cycle: none, then each named filter alone.
    static func cycle(after current: SavedFilter?) -> SavedFilter? {
        let all = SavedFilter.allCases
        guard let current, let i = all.firstIndex(of: current) else { return all.first }
        return i + 1 < all.count ? all[i + 1] : nil
    }
}

/// Ordered and filtered rows, kept until the model or the question changes: sorting a
/// pane of 100,000 cases once a frame (several times, with the cursor's sync) would
/// cost more than the frame itself. Shared by the copies of one console's state.
public final class PaneRowsCache: Sendable {
    struct Question: Hashable {
        var focus: Focus, scope: String, sort: PaneSort, filter: String, done: Bool
        /// The model's event count and, for deadline questions, the second: an overdue
        /// filter changes with the clock alone.
        var events: Int, second: Int64
    }
    private let entries = Mutex<[Question: [Int32]]>([:])

    /// An empty cache.
    public init() {}

    func rows(_ q: Question, make: () -> [Int32]) -> [Int32] {
        if let hit = entries.withLock({ $0[q] }) { return hit }
        let rows = make()
        entries.withLock { e in
            // The newest answer per pane is all a frame needs.
            e = e.filter { $0.key.focus != q.focus && $0.key.events == q.events }
            e[q] = rows
        }
        return rows
    }
}
