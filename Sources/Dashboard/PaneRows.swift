import DispatchCore

/// The rows of one case pane: newest first, scoped to a unit's subtree, filtered.
/// Indexes into the model's queue without copying it unless a filter is set.
struct PaneRows {
    /// A live queue shown newest first, or a list already in display order (a frozen
    /// pane, a filtered one).
    private enum Base {
        case queue(CaseIndexSet)
        case list([Int32])
    }
    private let base: Base

    var count: Int {
        switch base {
        case .queue(let q): q.count
        case .list(let l): l.count
        }
    }

    /// The case index shown in row `i`.
    subscript(i: Int) -> Int32 {
        switch base {
        case .queue(let q): q[position: q.count - 1 - i]
        case .list(let l): l[i]
        }
    }

    init(_ focus: Focus, state: ConsoleState, model: Model) {
        let sort = state.sorts[focus] ?? .newest
        if let frozen = state.frozen?[focus] {
            base = .list(frozen)
            return
        }
        guard let kind = focus.queue else { base = .list([]); return }
        let done = focus == .followUps && state.showDone
        let queue = model.queue(kind, under: state.scope)
        let filter = (state.filters[focus] ?? "").lowercased()
        if filter.isEmpty && sort == .newest && !done {
            base = .queue(queue)
            return
        }
        // Deadlines are instants, so only the overdue filter changes with the clock alone.
        let clocked = filter.contains("@overdue")
        let q = PaneRowsCache.Question(focus: focus, scope: state.scope, sort: sort, filter: filter, done: done,
                                       events: model.eventCount, second: clocked ? model.now.ms / 1000 : 0)
        base = .list(state.rowsCache.rows(q) {
            var rows = done ? PaneRows.doneCases(under: state.scope, model: model) : Array(queue.reversed())
            if !filter.isEmpty { rows = PaneRows.filtered(rows, focus, filter, state: state, model: model) }
            if sort != .newest { rows = sort.sorted(rows, in: focus, model: model) }
            return rows
        })
    }

    /// Cases no longer open (closed, archived, voided, merged) in a unit's subtree,
    /// newest first. No queue holds them, so this reads every case once; the cache keeps
    /// the answer until the next event.
    private static func doneCases(under scope: String, model: Model) -> [Int32] {
        var inside: [String: Bool] = [:]
        var out: [Int32] = []
        for i in model.cases.indices.reversed() {
            let c = model.cases[i]
            guard !c.state.isOpen else { continue }
            let within = inside[c.location] ?? {
                let w = model.isWithin(c.location, scope)
                inside[c.location] = w
                return w
            }()
            if within { out.append(Int32(i)) }
        }
        return out
    }

    /// The rows whose case matches every named filter and the text beside them.
    private static func filtered(_ rows: [Int32], _ f: Focus, _ filter: String, state: ConsoleState, model: Model) -> [Int32] {
        let (named, text, unknown) = SavedFilter.parse(filter)
        // A misspelt name matches nothing rather than quietly showing everything.
        guard unknown == nil else { return [] }
        let home = named.contains(.mine) ? (state.access?.homeUnit(in: model) ?? state.scope) : ""
        // What does not depend on the case is worked out once, not once a row.
        var places: [String: Bool] = [:]
        let number = CaseNumber.normalise(text), pinyin = CaseSearch.isPinyin(text)
        return rows.filter {
            let c = model.cases[Int($0)]
            return named.allSatisfy { $0.matches(c, in: f, home: home, model: model) }
                && (text.isEmpty || PaneRows.matches(c, text, number: number, pinyin: pinyin, model: model, places: &places))
        }
    }

    /// The rows in display order (for freezing).
    var ordered: [Int32] { (0..<count).map { self[$0] } }

    /// The row showing case `number`, looked for near `hint` first: new rows arrive at
    /// the top, so a selected case moves down by a few rows at a time. A new order or
    /// filter can move it anywhere, so the whole list is searched after that (once: the
    /// cursor then remembers the new row).
    func row(of number: String, near hint: Int, model: Model) -> Int? {
        guard let idx = model.caseIndex(of: number).map(Int32.init), count > 0 else { return nil }
        let h = min(max(0, hint), count - 1)
        for i in h..<min(count, h + 256) where self[i] == idx { return i }
        for i in stride(from: h - 1, through: max(0, h - 256), by: -1) where self[i] == idx { return i }
        switch base {
        case .list(let l): return l.firstIndex(of: idx)
        case .queue(let q):
            // In ascending order, a chunk at a time: row = count - 1 - position.
            for (position, i) in q.enumerated() where i == idx { return q.count - 1 - position }
            return nil
        }
    }

    /// A pane filter matches the number, title, category, level, a unit code prefix,
    /// or, as `:find` does, the reporter, a place name at any tier and pinyin.
    static func matches(_ c: CaseRecord, _ filter: String, number: String, pinyin: Bool, model: Model, places: inout [String: Bool]) -> Bool {
        if c.number.lowercased().contains(filter) || c.category.rawValue.contains(filter) || c.category.zh.contains(filter)
            || c.level.rawValue == filter || c.location.hasPrefix(filter) { return true }
        return CaseSearch.matches(c, filter, number: number, pinyin: pinyin, model: model, places: &places)
    }
}
