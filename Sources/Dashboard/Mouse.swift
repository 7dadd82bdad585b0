import DispatchCore
import TerminalUI

/// Clicks and the wheel, hit-tested against the frame last drawn (`screen`): a click
/// focuses what it lands on, a click on the selected case opens it, a click on a
/// column name orders the pane by it, and the wheel moves the list under the pointer.
enum Mouse {
    /// Rows one turn of the wheel moves.
    static let wheelRows = 3

    static func handle(_ s: inout ConsoleState, _ m: MouseEvent, model: Model) -> [Effect] {
        if m.kind == .press { s.message = "" }
        let layout = ConsoleLayout(width: s.screen.width, height: s.screen.height, focus: s.focus)
        if layout.grid.contains(x: m.x, y: m.y) {
            grid(&s, at: m, in: layout.grid, model: model)
            return []
        }
        for (f, r) in zip([Focus.alerts, .dispatch, .followUps], layout.panes) where r.contains(x: m.x, y: m.y) {
            return pane(&s, f, at: m, in: r, rows: layout.paneRows, model: model)
        }
        return []
    }

    private static func pane(_ s: inout ConsoleState, _ f: Focus, at m: MouseEvent, in r: Rect, rows visible: Int, model: Model) -> [Effect] {
        // Only a click on the row already selected in the focused pane opens it.
        let wasFocused = s.focus == f
        s.focus = f
        let inner = r.inset(by: 1)
        let header = ConsoleLayout.headerRows(inside: inner.height)
        switch m.kind {
        case .wheelUp, .wheelDown:
            ConsoleUpdate.move(&s, by: m.kind == .wheelUp ? -wheelRows : wheelRows, model: model)
        case .press:
            if header == 1 && m.y == inner.y {
                let current = s.sorts[f] ?? .newest
                PaneTools.setSort(&s, PaneColumns(f, x: inner.x, width: inner.width, done: s.showDone).sort(at: m.x, current: current, in: f), model: model)
                return []
            }
            let row = m.y - inner.y - header
            guard row >= 0, row < visible else { return [] }
            var cursor = s.cursors[f] ?? PaneCursor()
            let list = PaneRows(f, state: s, model: model)
            // The case drawn at that row in the last frame, wherever it is now.
            let number = s.shown[f].map { row < $0.count ? $0[row] : nil }
                ?? (cursor.offset + row < list.count ? model.cases[Int(list[cursor.offset + row])].number : nil)
            guard let number, let target = list.row(of: number, near: cursor.offset + row, model: model) else { return [] }
            if number == cursor.number, wasFocused {
                s.overlay = .detail(number: number, timeline: nil)
                return [.loadTimeline(number)]
            }
            cursor.selected = target
            cursor.number = number
            s.cursors[f] = cursor
        }
        return []
    }

    private static func grid(_ s: inout ConsoleState, at m: MouseEvent, in rect: Rect, model: Model) {
        let shown = TierGridView.previewPath(s, model: model)
        let columns = rect.columns(TierGridView.widths(s, shown: shown, model: model))
        guard let c = columns.firstIndex(where: { $0.contains(x: m.x, y: m.y) }) else { return }
        let inner = columns[c].inset(by: 1)
        let (units, chosen, _) = TierGridView.content(c, s, shown: shown, model: model)
        let first = TierGridView.first(c, s, units: units, chosen: chosen, shown: shown, model: model, height: inner.height)
        guard m.kind == .press else {
            // The wheel scrolls the column under the pointer; the selection stays.
            if s.gridScroll.path != s.path { s.gridScroll = (s.path, [:]) }
            let step = m.kind == .wheelUp ? -wheelRows : wheelRows
            s.gridScroll.first[c] = TierGridView.clamped(first + step, count: units.count, height: inner.height)
            return
        }
        let i = first + (m.y - inner.y)
        guard inner.contains(x: m.x, y: m.y), i < units.count else { return }
        s.focus = .grid
        _ = GridNavigation.goto(&s, code: model.units[Int(units[i])].code, model: model)
    }
}
