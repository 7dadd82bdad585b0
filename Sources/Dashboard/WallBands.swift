import DispatchCore
import TerminalUI

/// The wall's middle band: the scope's children ranked by risk with a bar each, and the
/// last 24 hours charted. Nothing here needs a selection, so nothing is ever empty for
/// want of one.
enum WallBands {
    static func render(_ w: WallState, model: Model, into b: inout Buffer, in rect: Rect) {
        let parts = rect.columns([.fill(weight: 3), .fill(weight: 2)])
        guard parts.count == 2 else { return }
        ranking(w, model: model, into: &b, in: parts[0])
        trends(w, model: model, into: &b, in: parts[1])
    }

    /// The children of the scope, most at risk first: overdue, then red, then open.
    static func ranked(_ scope: String, model: Model) -> [Int] {
        guard let s = model.unitIndex(of: scope) else { return [] }
        return model.children[s].map(Int.init).sorted { a, b in
            let x = model.counts[a], y = model.counts[b]
            return (x.overdue, x.open(.red), x.open, b) > (y.overdue, y.open(.red), y.open, a)
        }
    }

    /// `● 金州区  ██▒▒▒▒▒▒▒▒      26 !2  ▁▂ ▃▅▂`: overdue (█) and the rest of the open
    /// cases (▒) on one bar scaled to the busiest child, then the counts, then the
    /// child's reports over 24 hours when there is room.
    static func ranking(_ w: WallState, model: Model, into b: inout Buffer, in rect: Rect) {
        let units = ranked(w.scope, model: model)
        let childTier = units.first.map { w.lang.label(model.units[$0].tier) } ?? ""
        let title = w.lang.pick("按风险排序", "By risk") + (childTier.isEmpty ? "" : " · " + childTier)
        let inner = Pane(title: title, focused: false).render(into: &b, in: rect)
        guard inner.height > 0 else { return }
        guard !units.isEmpty else {
            b.cell(w.lang.pick("（无下级单位）", "(no units below)"), x: inner.x, y: inner.y, width: inner.width, style: Style(.muted))
            return
        }
        let nameWidth = min(12, units.map { DisplayWidth.of(model.units[$0].name) }.max() ?? 4)
        let spark = inner.width >= 64 && w.trends != nil ? Trends.hours : 0
        let countWidth = 9
        let barWidth = max(0, inner.width - 2 - nameWidth - 1 - countWidth - (spark > 0 ? spark + 2 : 0))
        let top = max(1, units.map { model.counts[$0].open }.max() ?? 1)
        // When not every unit fits, the last row says how many more, and what they hold.
        let fits = units.count <= inner.height ? units.count : max(0, inner.height - 1)
        if fits < units.count {
            let rest = units[fits...].reduce(0) { $0 + model.counts[$1].open }
            b.cell(w.lang.pick("… 另有 \(units.count - fits) 个，在办 \(rest)", "… \(units.count - fits) more, \(rest) open"),
                   x: inner.x, y: inner.y + fits, width: inner.width, style: Style(.textDim))
        }
        for (row, u) in units.prefix(fits).enumerated() {
            let y = inner.y + row, k = model.counts[u]
            var x = inner.x
            let risk = k.highestRisk
            b.cell(Format.marker(risk), x: x, y: y, width: 2, style: risk.map { Style(Format.element($0)) } ?? .plain)
            x += 2
            b.cell(model.units[u].name, x: x, y: y, width: nameWidth, style: .plain)
            x += nameWidth + 1
            let long = k.open == 0 ? 0 : max(1, k.open * barWidth / top)
            let hot = k.overdue == 0 ? 0 : min(long, max(1, k.overdue * barWidth / top))
            b.cell(String(repeating: "█", count: hot), x: x, y: y, width: hot, style: Style(.overdue))
            b.cell(String(repeating: "▒", count: long - hot), x: x + hot, y: y, width: long - hot, style: Style(.headerText))
            x += barWidth
            let counts = (k.open > 0 ? Format.count(k.open) : "0") + (k.overdue > 0 ? " !" + Format.count(k.overdue) : "")
            b.cell(counts, x: x, y: y, width: countWidth, style: k.overdue > 0 ? Style(.overdue) : .plain, align: .right)
            x += countWidth + 2
            if spark > 0, let t = w.trends {
                let values = t.values(.reported, unit: model.units[u].code, model: model)
                b.cell(Sparkline.render(values, width: spark), x: x, y: y, width: spark, style: Style(.textDim))
            }
        }
    }

    /// The scope's last 24 hours in a pane of its own.
    static func trends(_ w: WallState, model: Model, into b: inout Buffer, in rect: Rect) {
        let name = model.unit(w.scope)?.name ?? w.scope
        let inner = Pane(title: w.lang.pick("近24小时", "Last 24 hours") + " · " + name, focused: false).render(into: &b, in: rect)
        TrendChart.draw(w.trends, unit: w.scope, lang: w.lang, model: model, into: &b, in: inner)
    }

}

/// Reports, resolutions and overdue cases for a unit, an hour a bar, each with its
/// largest hour as the scale, and the hours under them: on the wall and in the
/// console's indicators.
enum TrendChart {
    static func draw(_ trends: Trends?, unit: String, lang: Lang, model: Model, into b: inout Buffer, in inner: Rect) {
        guard inner.height > 0 else { return }
        guard let t = trends else {
            b.cell(lang.pick("（尚无趋势）", "(no trends yet)"), x: inner.x, y: inner.y, width: inner.width, style: Style(.muted))
            return
        }
        let rows: [(Trends.Series, String, Element)] = [
            (.reported, lang.pick("上报", "Reported"), .headerText),
            (.resolved, lang.pick("办结", "Resolved"), .good),
            (.overdue, lang.pick("超期", "Overdue"), .overdue),
        ]
        // Two cells an hour when there is room: a wall is read from across a room.
        let cell = inner.width >= 2 * Trends.hours + 14 ? 2 : 1
        let chartWidth = Trends.hours * cell
        let labelWidth = max(0, min(14, inner.width - chartWidth))
        let tall = inner.height >= rows.count * 2 + 1
        var y = inner.y
        for (series, label, element) in rows where y < inner.y + inner.height {
            let values = t.values(series, unit: unit, model: model)
            let top = values.max() ?? 0
            let scale = series == .overdue ? lang.pick("最多 \(top)", "max \(top)") : lang.pick("最多 \(top)/时", "max \(top)/h")
            let chart = String(Sparkline.render(values, width: Trends.hours).flatMap { String(repeating: $0, count: cell) })
            if tall {
                b.cell(label + "  " + scale, x: inner.x, y: y, width: inner.width, style: Style(.textDim))
                b.cell(chart, x: inner.x, y: y + 1, width: inner.width, style: Style(element))
                y += 2
            } else {
                b.cell("\(label) \(top)", x: inner.x, y: y, width: labelWidth, style: Style(.textDim))
                b.cell(chart, x: inner.x + labelWidth, y: y, width: max(0, inner.width - labelWidth), style: Style(element))
                y += 1
            }
        }
        if y < inner.y + inner.height {
            let x = tall ? inner.x : inner.x + labelWidth
            b.cell(axisLine(width: chartWidth, lang: lang), x: x, y: y, width: max(0, inner.x + inner.width - x), style: Style(.muted))
        }
    }

    /// `-24h        -12h        now` under a chart `width` cells wide.
    static func axisLine(width: Int, lang: Lang) -> String {
        let left = "-24h", mid = "-12h", right = lang.pick("现在", "now")
        var cells = Array(repeating: Character(" "), count: max(width, 12))
        for (i, ch) in left.enumerated() where i < cells.count { cells[i] = ch }
        let m = cells.count / 2 - mid.count / 2
        for (i, ch) in mid.enumerated() where m + i < cells.count { cells[m + i] = ch }
        let r = String(cells).prefix(cells.count - DisplayWidth.of(right))
        return r + right
    }
}
