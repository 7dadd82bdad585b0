import DispatchCore
import TerminalUI

/// The console's pure update: a message and the model in, state changes and effects out.
public enum ConsoleUpdate {
    /// Rows a page key moves.
    static let page = 10

    /// Applies one message.
    public static func update(_ s: inout ConsoleState, _ msg: Message, model: Model) -> [Effect] {
        switch msg {
        case .key(let key):
            let before = s
            let effects: [Effect]
            if case .none = s.overlay { effects = handleKey(&s, key, model: model) } else { effects = OverlayUpdate.handle(&s, key, model: model) }
            if s.path != before.path { TierGridView.keepView(from: before, to: &s, model: model) }
            return effects
        case .executed(let summary):
            s.overlay = .none
            say(&s, summary)
            return []
        case .failed(let why, let conflict):
            // A refused form stays open with the reason; a conflict closes it, since
            // what the officer saw is no longer the case.
            if case .form(var f) = s.overlay, !conflict {
                f.error = why
                s.overlay = .form(f)
            } else {
                s.overlay = .none
            }
            say(&s, conflict ? why + s.lang.pick("（已刷新）", " (view refreshed)") : why, error: true)
            return []
        case .conflict(let c):
            ConflictUpdate.handle(&s, c, model: model)
            return []
        case .timeline(let number, let entries):
            if case .detail(let n, _) = s.overlay, n == number { s.overlay = .detail(number: number, timeline: entries) }
            return []
        case .themeChanged(let name):
            s.themeName = name
            say(&s, s.lang.pick("主题：", "theme: ") + name)
            return []
        case .themeFailed(let why):
            say(&s, why, error: true)
            return []
        case .tick(let t):
            s.now = t
            return []
        case .refreshed(let count):
            s.feed = .live
            s.eventCount = count
            return []
        case .storeFailed(let why):
            s.feed = .stale(why)
            return []
        }
    }

    static func say(_ s: inout ConsoleState, _ text: String, error: Bool = false) {
        s.message = text
        s.messageIsError = error
    }

    private static func handleKey(_ s: inout ConsoleState, _ key: Key, model: Model) -> [Effect] {
        if case .mouse(let m) = key { return Mouse.handle(&s, m, model: model) }
        // Escape undoes what narrows the view: the marks first, then the pane's filter.
        if key == .escape {
            if !s.marked.isEmpty {
                s.marked = []
                say(&s, s.lang.pick("已取消选择", "marks cleared"))
            } else if s.focus != .grid, s.filters[s.focus] != nil {
                s.filters[s.focus] = nil
                say(&s, s.lang.pick("已清除筛选", "filter cleared"))
            }
            return []
        }
        guard let action = KeyMap.action(for: key, in: s.bindings) else { return [] }
        s.message = ""
        if let kind = action.kind {
            if !s.marked.isEmpty, s.focus == s.markedPane { return BulkActions.start(&s, kind, model: model) }
            return CaseActions.start(&s, kind, model: model)
        }
        switch action {
        case .up: move(&s, by: -1, model: model)
        case .down: move(&s, by: 1, model: model)
        case .pageUp: move(&s, by: -page, model: model)
        case .pageDown: move(&s, by: page, model: model)
        // Far enough to reach either end of any list, small enough never to overflow.
        case .top: move(&s, by: -(1 << 40), model: model)
        case .bottom: move(&s, by: 1 << 40, model: model)
        case .left: if s.focus == .grid { GridNavigation.out(&s) } else { cycle(&s, by: -1) }
        case .right: if s.focus == .grid { GridNavigation.into(&s, model: model) } else { cycle(&s, by: 1) }
        case .nextPane: cycle(&s, by: 1)
        case .previousPane: cycle(&s, by: -1)
        case .detail:
            if s.focus == .grid { GridNavigation.into(&s, model: model); return [] }
            guard let c = selectedCase(s, model: model) else { return [] }
            s.overlay = .detail(number: c.number, timeline: nil)
            return [.loadTimeline(c.number)]
        case .filter: s.overlay = .prompt(.filter, TextField(id: "filter", label: "/", text: s.filters[s.focus] ?? ""))
        case .command:
            s.overlay = .prompt(.command, TextField(id: "command", label: ":"))
            s.historyPosition = s.commandHistory.count
            s.historyDraft = ""
        case .help: s.overlay = .help
        case .indicators: s.overlay = .indicators
        case .pause: togglePause(&s, model: model)
        case .sort: PaneTools.sort(&s, model: model)
        case .savedFilter: PaneTools.cycleFilter(&s)
        case .mark: PaneTools.mark(&s, model: model)
        case .copy: return PaneTools.copy(&s, model: model)
        case .doneCases: PaneTools.toggleDone(&s, model: model)
        case .quit: return [.quit]
        case .act: break
        }
        return []
    }

    private static func cycle(_ s: inout ConsoleState, by delta: Int) {
        let all = Focus.allCases
        let i = all.firstIndex(of: s.focus) ?? 0
        s.focus = all[(i + delta + all.count) % all.count]
    }

    static func move(_ s: inout ConsoleState, by delta: Int, model: Model) {
        if s.focus == .grid { GridNavigation.move(&s, by: delta, model: model); return }
        let rows = PaneRows(s.focus, state: s, model: model)
        var c = s.cursors[s.focus] ?? PaneCursor()
        guard rows.count > 0 else { return }
        c.selected = min(max(0, c.selected + delta), rows.count - 1)
        c.number = model.cases[Int(rows[c.selected])].number
        s.cursors[s.focus] = c
    }

    static func togglePause(_ s: inout ConsoleState, model: Model) {
        if s.frozen != nil {
            s.frozen = nil
            say(&s, s.lang.pick("已恢复实时", "live again"))
            return
        }
        var frozen: [Focus: [Int32]] = [:]
        for f in [Focus.alerts, .dispatch, .followUps] { frozen[f] = PaneRows(f, state: s, model: model).ordered }
        s.frozen = frozen
        s.pausedAtOrdinal = model.maxOrdinal
        say(&s, s.lang.pick("列表已暂停，按 \(s.key(.pause)) 恢复", "lists paused; \(s.key(.pause)) to resume"))
    }

    /// The case under the cursor in the focused pane.
    public static func selectedCase(_ s: ConsoleState, model: Model) -> CaseRecord? {
        guard s.focus != .grid else { return nil }
        let rows = PaneRows(s.focus, state: s, model: model)
        let c = s.cursors[s.focus] ?? PaneCursor()
        guard c.selected < rows.count else { return nil }
        return model.cases[Int(rows[c.selected])]
    }

    /// Notes which cases each pane shows at `visibleRows` rows (call after `sync`, when
    /// the frame is drawn), for mouse clicks.
    public static func noteShown(_ s: inout ConsoleState, model: Model, visibleRows: Int) {
        for f in [Focus.alerts, .dispatch, .followUps] {
            let rows = PaneRows(f, state: s, model: model), offset = s.cursors[f]?.offset ?? 0
            s.shown[f] = (offset..<min(rows.count, offset + max(1, visibleRows))).map { model.cases[Int(rows[$0])].number }
        }
    }

    /// Keeps cursors on their cases as the lists change, and inside the lists;
    /// scrolls so the selection is visible in `visibleRows`.
    public static func sync(_ s: inout ConsoleState, model: Model, visibleRows: Int) {
        for f in [Focus.alerts, .dispatch, .followUps] {
            let rows = PaneRows(f, state: s, model: model)
            var c = s.cursors[f] ?? PaneCursor()
            if let n = c.number, let r = rows.row(of: n, near: c.selected, model: model) { c.selected = r }
            c.selected = rows.count == 0 ? 0 : min(c.selected, rows.count - 1)
            c.number = rows.count == 0 ? nil : model.cases[Int(rows[c.selected])].number
            let h = max(1, visibleRows)
            if c.selected < c.offset { c.offset = c.selected }
            if c.selected >= c.offset + h { c.offset = c.selected - h + 1 }
            c.offset = max(0, min(c.offset, max(0, rows.count - h)))
            s.cursors[f] = c
        }
        if s.path.isEmpty, let r = model.roots.first { s.path = [model.units[Int(r)].code] }
    }
}

/// Moving through the five-tier grid: the path from the city down is the selection.
enum GridNavigation {
    /// The units listed in column `c`: the roots, or the children of the unit chosen to the left.
    /// Columns above `floor` list only the unit on the path (a scoped console cannot leave it).
    static func column(_ c: Int, path: [String], model: Model, floor: Int = 1) -> [Int32] {
        if c < floor - 1 || (c == floor - 1 && floor > 1) {
            return c < path.count ? model.unitIndex(of: path[c]).map { [Int32($0)] } ?? [] : []
        }
        if c == 0 { return model.roots }
        guard c - 1 < path.count, let u = model.unitIndex(of: path[c - 1]) else { return [] }
        return model.children[u]
    }

    static func move(_ s: inout ConsoleState, by delta: Int, model: Model) {
        let c = max(0, s.path.count - 1)
        let list = column(c, path: s.path, model: model, floor: s.floor)
        guard !list.isEmpty else { return }
        let current = list.firstIndex { model.units[Int($0)].code == s.path.last } ?? 0
        let next = min(max(0, current + delta), list.count - 1)
        s.path = Array(s.path.prefix(c)) + [model.units[Int(list[next])].code]
        resetCursors(&s)
    }

    static func into(_ s: inout ConsoleState, model: Model) {
        guard s.path.count < 5, let u = model.unitIndex(of: s.scope), let first = model.children[u].first else { return }
        s.path.append(model.units[Int(first)].code)
        resetCursors(&s)
    }

    static func out(_ s: inout ConsoleState) {
        guard s.path.count > max(1, s.floor) else { return }
        s.path.removeLast()
        resetCursors(&s)
    }

    /// Jumps to a unit (`:goto CODE`).
    static func goto(_ s: inout ConsoleState, code: String, model: Model) -> Bool {
        let path = Array(model.path(of: code).reversed())
        guard !path.isEmpty, path.count >= s.floor, Array(path.prefix(s.floor)) == Array(s.path.prefix(s.floor)) else { return false }
        s.path = path
        resetCursors(&s)
        return true
    }

    static func resetCursors(_ s: inout ConsoleState) {
        for f in [Focus.alerts, .dispatch, .followUps] { s.cursors[f] = PaneCursor() }
        s.frozen = nil
        // Marks belong to what was on screen: another unit's lists are other cases.
        s.marked = []
    }
}
