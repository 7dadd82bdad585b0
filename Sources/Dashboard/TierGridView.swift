import DispatchCore
import TerminalUI

/// The five tier columns, city → grid; each lists the children of the selection to its left.
enum TierGridView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer, in rect: Rect, highlight: Bool = true) {
        let columns = rect.columns(Array(repeating: .fill(weight: 1), count: 5))
        for (c, r) in columns.enumerated() {
            let tier = Tier.allCases[c]
            let active = s.focus == .grid && c == s.path.count - 1
            let inner = Pane(title: s.lang.label(tier), focused: active).render(into: &b, in: r)
            guard inner.height > 0 else { continue }
            let units = GridNavigation.column(c, path: s.path, model: model, floor: s.floor)
            let chosen = c < s.path.count ? units.firstIndex { model.units[Int($0)].code == s.path[c] } : nil
            let offset = max(0, (chosen ?? 0) - inner.height + 1)
            for row in 0..<inner.height {
                let i = offset + row
                guard i < units.count else { break }
                line(model, Int(units[Int(i)]), selected: highlight && i == chosen, active: active, into: &b, x: inner.x, y: inner.y + row, width: inner.width)
            }
            if units.isEmpty, c <= s.path.count {
                b.cell(Words.empty(s.lang), x: inner.x, y: inner.y, width: inner.width, style: Style(.muted))
            }
        }
    }

    /// `● 西岗区      12 !3`: risk marker, name, open count, overdue count.
    static func line(_ model: Model, _ u: Int, selected: Bool, active: Bool, into b: inout Buffer, x: Int, y: Int, width: Int) {
        let k = model.counts[u]
        let base: Style = selected ? Style(active ? .selection : .selectionUnfocused) : .plain
        b.fill(Rect(x: x, y: y, width: width, height: 1), style: base)
        let risk = k.highestRisk
        b.cell(Format.marker(risk), x: x, y: y, width: 2, style: risk.map { Style(Format.element($0)).on(base.bg ?? .text) } ?? base)
        let overdue = k.overdue > 0 ? " !" + Format.count(k.overdue) : ""
        let counts = (k.open > 0 ? Format.count(k.open) : "") + overdue
        let countWidth = min(DisplayWidth.of(counts), max(0, width - 4))
        b.cell(model.units[u].name, x: x + 2, y: y, width: max(0, width - 2 - countWidth - 1), style: base)
        if countWidth > 0 {
            b.cell(counts, x: x + width - countWidth, y: y, width: countWidth, style: k.overdue > 0 ? Style(.overdue).on(base.bg ?? .text) : base, align: .right)
        }
    }
}
