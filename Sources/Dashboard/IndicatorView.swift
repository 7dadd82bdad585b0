import DispatchCore
import TerminalUI

/// The indicators overlay (`i`): the selected unit's closed-loop figures, today and all time.
enum IndicatorView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer, in r: Rect) {
        let name = model.unit(s.scope)?.name ?? s.scope
        let inner = Pane(title: s.lang.pick("指标 ", "Indicators ") + name, focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        guard inner.height > 2, inner.width > 30 else { return }
        let midnight = Format.localMidnight(s.now, offset: s.utcOffsetSeconds)
        let today = Indicators.compute(model, unit: s.scope, since: midnight, until: nil)
        let all = Indicators.compute(model, unit: s.scope, since: nil, until: nil)
        let col = (inner.width - 2) / 2
        b.cell("", x: inner.x + 1, y: inner.y, width: col)
        b.cell(s.lang.pick("今日", "today"), x: inner.x + 1 + col, y: inner.y, width: col / 2, style: Style(.tableHeader), align: .right)
        b.cell(s.lang.pick("累计", "all"), x: inner.x + 1 + col + col / 2, y: inner.y, width: col / 2, style: Style(.tableHeader), align: .right)
        var rows: [(String, String, String)] = zip(today.counts, all.counts).map { ($0.0.0, String($0.0.1), String($0.1.1)) }
        rows += zip(today.rates, all.rates).map { ($0.0.0, percent($0.0.1), percent($0.1.1)) }
        for (i, row) in rows.enumerated() where i + 1 < inner.height {
            let y = inner.y + 1 + i
            b.cell(row.0, x: inner.x + 1, y: y, width: col, style: Style(.textDim))
            b.cell(row.1, x: inner.x + 1 + col, y: y, width: col / 2, align: .right)
            b.cell(row.2, x: inner.x + 1 + col + col / 2, y: y, width: col / 2, align: .right)
        }
    }

    static func percent(_ r: Double?) -> String {
        guard let r else { return "—" }
        return String(Int((r * 1000).rounded()) / 10) + "." + String(Int((r * 1000).rounded()) % 10) + "%"
    }
}
