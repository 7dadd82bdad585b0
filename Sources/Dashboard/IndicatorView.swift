import DispatchCore
import TerminalUI

/// The indicators overlay (`i`): the selected unit's closed-loop figures, today and all time.
enum IndicatorView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer, in r: Rect) {
        let name = model.unit(s.scope)?.name ?? s.scope
        let inner = Pane(title: s.lang.pick("指标 ", "Indicators ") + name, focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        guard inner.height > 2, inner.width > 30 else { return }
        let midnight = s.midnight
        // The kept tallies when they are today's; counting is the fallback.
        let kept = s.tallies.flatMap { $0.today.since == midnight ? $0 : nil }
        let today = kept?.today.indicators(unit: s.scope, model: model)
            ?? Indicators.compute(model, unit: s.scope, since: midnight, until: nil)
        let all = kept?.all.indicators(unit: s.scope, model: model)
            ?? Indicators.compute(model, unit: s.scope, since: nil, until: nil)
        let col = (inner.width - 2) / 2
        b.cell("", x: inner.x + 1, y: inner.y, width: col)
        b.cell(s.lang.pick("今日", "today"), x: inner.x + 1 + col, y: inner.y, width: col / 2, style: Style(.tableHeader), align: .right)
        b.cell(s.lang.pick("累计", "all"), x: inner.x + 1 + col + col / 2, y: inner.y, width: col / 2, style: Style(.tableHeader), align: .right)
        var rows: [(String, String, String)] = zip(today.counts, all.counts).map { ($0.0.0, String($0.0.1), String($0.1.1)) }
        rows += zip(today.rates, all.rates).map { ($0.0.0, percent($0.0.1), percent($0.1.1)) }
        for (i, row) in rows.enumerated() where i + 1 < inner.height {
            let y = inner.y + 1 + i
            b.cell(label(row.0, s.lang), x: inner.x + 1, y: y, width: col, style: Style(.textDim))
            b.cell(row.1, x: inner.x + 1 + col, y: y, width: col / 2, align: .right)
            b.cell(row.2, x: inner.x + 1 + col + col / 2, y: y, width: col / 2, align: .right)
        }
        // The last 24 hours under the figures, where the overlay has the room.
        let top = inner.y + 2 + rows.count
        guard s.trends != nil, inner.y + inner.height - top >= 4 else { return }
        b.cell(s.lang.pick("近24小时", "Last 24 hours"), x: inner.x + 1, y: top, width: inner.width - 2, style: Style(.tableHeader))
        TrendChart.draw(s.trends, unit: s.scope, lang: s.lang, model: model, into: &b,
                        in: Rect(x: inner.x + 1, y: top + 1, width: inner.width - 2, height: inner.y + inner.height - top - 1))
    }

    /// What a person reads for an indicator's JSON name (README, Indicators).
    static func label(_ key: String, _ l: Lang) -> String {
        let names: [String: (String, String)] = [
            "reported": ("上报", "reported"), "accepted": ("受理", "accepted"), "dispatched": ("交办", "dispatched"),
            "resolved": ("办结", "resolved"), "closed": ("结案", "closed"), "visited": ("回访", "visited"),
            "satisfied": ("满意", "satisfied"), "overdue_open": ("超期未结", "overdue, open"), "escalated": ("提级", "escalated"),
            "acceptance_rate": ("受理率", "acceptance rate"), "on_time_acceptance_rate": ("按时受理率", "accepted on time"),
            "resolution_rate": ("办结率", "resolution rate"), "on_time_resolution_rate": ("按时办结率", "resolved on time"),
            "followup_rate": ("回访率", "follow-up rate"), "satisfaction_rate": ("满意率", "satisfaction"),
            "repeat_rate": ("重复信访率", "repeat rate"), "resolved_at_village_share": ("村（社区）化解占比", "resolved at village"),
            "resolved_at_town_or_below_share": ("乡镇及以下化解占比", "resolved at town or below"),
            "escalated_to_county_or_above_share": ("提级至县级以上占比", "escalated to county or above"),
        ]
        guard let n = names[key] else { return key }
        return l.pick(n.0, n.1)
    }

    static func percent(_ r: Double?) -> String {
        guard let r else { return "—" }
        return String(Int((r * 1000).rounded()) / 10) + "." + String(Int((r * 1000).rounded()) % 10) + "%"
    }
}
