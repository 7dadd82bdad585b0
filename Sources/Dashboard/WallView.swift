import DispatchCore
import TerminalUI

/// The read-only wall display: big counters, the scope's units ranked by risk beside the
/// last 24 hours, newest alerts, overdue cases with their cards, follow-ups due, and the
/// day's indicators. No selection, no actions.
public enum WallView {
    /// Draws the wall at `width` x `height`.
    public static func render(_ w: WallState, model: Model, width: Int, height: Int) -> Buffer {
        var (b, fits) = Screen.blank(width: width, height: height, minimum: (40, 12), lang: w.lang)
        guard fits else { return b }
        var console = ConsoleState(model: model, lang: w.lang, themeName: "", operatorName: w.lang.pick("大屏", "wall"),
                                   now: w.now, utcOffsetSeconds: w.utcOffsetSeconds)
        console.path = model.path(of: w.scope).reversed()
        console.feed = w.feed
        console.past = w.past
        console.eventCount = w.eventCount
        console.focus = .grid
        var y = 0
        HeaderView.render(console, model: model, into: &b, in: Rect(x: 0, y: y, width: width, height: 1))
        y += 1
        if case .stale(let why) = w.feed {
            b.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.banner))
            b.cell(" ⚠ " + w.lang.pick("数据陈旧，以下不是当前数字：", "STALE: these are not current figures: ") + why,
                   x: 0, y: y, width: width, style: Style(.banner))
            y += 1
        }
        y += counters(w, model: model, into: &b, y: y, width: width, height: height)
        let rest = height - y - 1
        // Room for every unit of the ranking where the screen allows (a city's counties).
        let children = model.unitIndex(of: w.scope).map { model.children[$0].count } ?? 0
        let gridHeight = min(max(5, rest * 2 / 5, children + 2), max(5, rest * 3 / 5))
        WallBands.render(w, model: model, into: &b, in: Rect(x: 0, y: y, width: width, height: gridHeight))
        y += gridHeight
        let panes = Rect(x: 0, y: y, width: width, height: max(0, height - 1 - y)).columns([.fill(weight: 1), .fill(weight: 1), .fill(weight: 1)])
        lists(w, console, model: model, into: &b, panes)
        strip(w, model: model, into: &b, y: height - 1, width: width)
        return b
    }

    /// A row of large counters for the scope: open, overdue, unaccepted, red.
    /// Returns the rows used: digits five rows high from 200x60, three from 120x36,
    /// plain below (or when a number is too wide for its box), the label under them.
    static func counters(_ w: WallState, model: Model, into b: inout Buffer, y: Int, width: Int, height: Int) -> Int {
        let k = model.counts(for: w.scope) ?? UnitCounts()
        let items: [(String, Int, Element)] = [
            (w.lang.pick("在办", "Open"), k.open, .headerText), (w.lang.pick("超期", "Overdue"), k.overdue, .overdue),
            (w.lang.pick("待受理", "Unaccepted"), k.unaccepted, .warning), (w.lang.pick("红色", "Red"), k.open(.red), .alertRed),
        ]
        let boxWidth = width / items.count - 2
        let fits = { (font: [Character: [String]]) in items.allSatisfy { (BigDigits.rows($0.1, font: font).first?.count ?? 0) <= boxWidth } }
        let font: [Character: [String]]? = width >= 200 && height >= 60 && fits(BigDigits.large) ? BigDigits.large
            : width >= 120 && height >= 36 && fits(BigDigits.small) ? BigDigits.small : nil
        guard let font else {
            let boxes = Rect(x: 0, y: y, width: width, height: 3).columns(Array(repeating: .fill(weight: 1), count: items.count))
            for (item, r) in zip(items, boxes) {
                let inner = Pane(title: item.0, focused: false).render(into: &b, in: r)
                b.cell(Format.count(item.1), x: inner.x, y: inner.y, width: inner.width, style: Style(item.2, attributes: .bold), align: .center)
            }
            return 3
        }
        let rows = font["0"]?.count ?? 0
        let boxes = Rect(x: 0, y: y, width: width, height: rows + 3).columns(Array(repeating: .fill(weight: 1), count: items.count))
        for (item, r) in zip(items, boxes) {
            let inner = Pane(title: "", focused: false).render(into: &b, in: r)
            for (i, line) in BigDigits.rows(item.1, font: font).enumerated() {
                b.cell(line, x: inner.x, y: inner.y + i, width: inner.width, style: Style(item.2, attributes: .bold), align: .center)
            }
            b.cell(item.0, x: inner.x, y: inner.y + rows, width: inner.width, style: Style(.textDim), align: .center)
        }
        return rows + 3
    }

    static func lists(_ w: WallState, _ s: ConsoleState, model: Model, into b: inout Buffer, _ panes: [Rect]) {
        guard panes.count == 3 else { return }
        let incoming = model.queue(.incoming, under: w.scope)
        let alerts = incoming.newest(200)
        let overdueAll = model.overdueCases(under: w.scope)
        let overdue = overdueAll.newest(200)
        let followUps = model.queue(.followUps, under: w.scope)
        let sections: [(String, [Int32], Int, Focus)] = [
            (w.lang.pick("最新告警", "Newest alerts"), alerts, incoming.count, .alerts),
            (w.lang.pick("超期督办", "Overdue"), overdue, overdueAll.count, .dispatch),
            (w.lang.pick("待回访", "Follow-ups due"), Array(followUps.prefix(200)), followUps.count, .followUps),
        ]
        for ((title, rows, total, kind), r) in zip(sections, panes) {
            let inner = Pane(title: "\(title) \(Format.count(total))", focused: false).render(into: &b, in: r)
            for (i, idx) in rows.prefix(max(0, inner.height)).enumerated() {
                CasePaneView.line(kind, model.cases[Int(idx)], s, model: model, into: &b, x: inner.x, y: inner.y + i, width: inner.width, base: .plain)
            }
        }
    }

    /// Today's indicators: accepted, resolved, overdue now, satisfaction.
    static func strip(_ w: WallState, model: Model, into b: inout Buffer, y: Int, width: Int) {
        let midnight = w.midnight
        // The kept tally when it is today's; counting today's cases is the fallback.
        let k = w.today.flatMap { $0.since == midnight ? $0.indicators(unit: w.scope, model: model) : nil }
            ?? Indicators.compute(model, unit: w.scope, since: midnight, until: nil)
        let satisfaction = Indicators.rate(k.satisfied, k.visited).map { IndicatorView.percent($0) } ?? "—"
        let text = w.lang.pick("今日  上报 \(k.reported)  受理 \(k.accepted)  办结 \(k.resolved)  超期 \(k.overdueOpen)  满意率 \(satisfaction)",
                               "Today  reported \(k.reported)  accepted \(k.accepted)  resolved \(k.resolved)  overdue \(k.overdueOpen)  satisfaction \(satisfaction)")
        b.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.statusBar))
        b.cell(" " + text, x: 0, y: y, width: width, style: Style(.statusBar))
    }
}
