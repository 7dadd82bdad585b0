import DispatchCore

/// The rows of one case pane: newest first, scoped to a unit's subtree, filtered.
/// Indexes into the model's queue without copying it unless a filter is set.
struct PaneRows {
    private let base: [Int32]
    private let newestFirst: Bool

    var count: Int { base.count }

    /// The case index shown in row `i`.
    subscript(i: Int) -> Int32 { newestFirst ? base[base.count - 1 - i] : base[i] }

    init(_ focus: Focus, state: ConsoleState, model: Model) {
        if let frozen = state.frozen?[focus] {
            base = frozen
            newestFirst = false
            return
        }
        guard let kind = focus.queue else { base = []; newestFirst = false; return }
        let queue = model.queue(kind, under: state.scope)
        let filter = (state.filters[focus] ?? "").lowercased()
        if filter.isEmpty {
            base = queue
            newestFirst = true
        } else {
            base = queue.reversed().filter { PaneRows.matches(model.cases[Int($0)], filter) }
            newestFirst = false
        }
    }

    /// The rows in display order (for freezing).
    var ordered: [Int32] { (0..<count).map { self[$0] } }

    /// The row showing case `number`, looked for near `hint` first: new rows arrive at
    /// the top, so a selected case moves down by a few rows at a time.
    func row(of number: String, near hint: Int, model: Model) -> Int? {
        guard let idx = model.caseIndex(of: number).map(Int32.init), count > 0 else { return nil }
        let h = min(max(0, hint), count - 1)
        for i in h..<min(count, h + 256) where self[i] == idx { return i }
        for i in stride(from: h - 1, through: max(0, h - 256), by: -1) where self[i] == idx { return i }
        return nil
    }

    static func matches(_ c: CaseRecord, _ filter: String) -> Bool {
        c.number.lowercased().contains(filter) || c.title.lowercased().contains(filter)
            || c.category.rawValue.contains(filter) || c.category.zh.contains(filter) || c.level.rawValue == filter
            || c.location.hasPrefix(filter)
    }
}
