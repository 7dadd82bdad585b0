import DispatchCore
import TerminalUI

/// The Alerts, Dispatch and Follow-ups panes.
enum CasePaneView {
    static func render(_ f: Focus, _ s: ConsoleState, model: Model, into b: inout Buffer, in rect: Rect) {
        let rows = PaneRows(f, state: s, model: model)
        let cursor = s.cursors[f] ?? PaneCursor()
        let inner = Pane(title: title(f, s, rows: rows.count, above: cursor.offset, model: model), focused: s.focus == f).render(into: &b, in: rect)
        guard inner.height > 0, inner.width > 0 else { return }
        let header = ConsoleLayout.headerRows(inside: inner.height)
        if header == 1 { PaneColumns.header(f, s, into: &b, x: inner.x, y: inner.y, width: inner.width) }
        if rows.count == 0 {
            // An empty filtered pane says so, or it reads as a quiet shift.
            let empty = s.filters[f] == nil ? Words.empty(s.lang) : s.lang.pick("没有符合筛选的案件（Esc 清除）", "no case matches the filter (Esc clears it)")
            b.cell(empty, x: inner.x, y: inner.y + header, width: inner.width, style: Style(.muted))
            return
        }
        for row in 0..<(inner.height - header) {
            let i = cursor.offset + row
            guard i < rows.count else { break }
            let selected = i == cursor.selected
            let style: Style = selected ? Style(s.focus == f ? .selection : .selectionUnfocused) : .plain
            let y = inner.y + header + row
            b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            line(f, model.cases[Int(rows[i])], s, model: model, into: &b, x: inner.x, y: y, width: inner.width, base: style)
        }
    }

    /// The pane's name, rows, filter, order, marks, and how many rows lie above the view:
    /// with the selection kept on its case, newer alerts pile up above it, and the pane
    /// must not look as if none had come (`g` goes back to the top).
    private static func title(_ f: Focus, _ s: ConsoleState, rows: Int, above: Int, model: Model) -> String {
        let name = f == .followUps && s.showDone ? s.lang.pick("已结", "Closed") : paneTitle(f, s.lang)
        var title = "\(name) \(Format.count(rows))"
        if let filter = s.filters[f] { title += " /" + filter }
        // The scope's alerts not yet accepted; a filtered count beside it would mislead.
        if f == .alerts, s.filters[f] == nil, let k = model.counts(for: s.scope), k.unaccepted > 0 { title += " · \(Format.count(k.unaccepted))*" }
        if let sort = s.sorts[f], sort != .newest { title += " · " + sort.label(s.lang) }
        let marked = s.marked.count
        if marked > 0, s.markedPane == f { title += s.lang.pick(" · 已选 \(marked)", " · \(marked) marked") }
        if above > 0 { title += s.lang.pick(" · ↑\(Format.count(above)) 在上方", " · ↑\(Format.count(above)) above") }
        return title
    }

    static func paneTitle(_ f: Focus, _ l: Lang) -> String {
        switch f {
        case .alerts: Words.alerts(l)
        case .dispatch: Words.dispatch(l)
        case .followUps: Words.followUps(l)
        case .grid: ""
        }
    }

    /// One case: number, level marker, (card,) what matters in this pane, time.
    static func line(_ f: Focus, _ c: CaseRecord, _ s: ConsoleState, model: Model, into b: inout Buffer, x: Int, y: Int, width: Int, base: Style) {
        // The row's own background (the selection's, on the selected row), so the level,
        // place and time carry the highlight with the rest of the row.
        let bg = base.bg ?? base.fg
        var col = x
        func room() -> Int { max(0, x + width - col) }
        col += b.cell(c.number, x: col, y: y, width: min(8, room()), style: base)
        let levelX = col
        col += b.cell(" " + Format.marker(c.level), x: col, y: y, width: min(2, room()), style: Style(Format.element(c.level)).on(bg))
        // A case marked for a bulk action carries a + before its level.
        if s.marked.contains(c.number) { b.cell("+", x: levelX, y: y, width: min(1, room()), style: Style(.good).on(bg)) }
        if f == .alerts {
            // Not yet accepted: the centre has not even acknowledged it.
            col += b.cell(c.state == .reported ? "*" : " ", x: col, y: y, width: min(1, room()), style: Style(.warning).on(bg))
        }
        if f == .dispatch, c.supervision >= .yellow {
            col += b.cell(" ", x: col, y: y, width: min(1, room()), style: base)
            col += b.cell("■", x: col, y: y, width: min(1, room()), style: Style(c.supervision == .red ? .cardRed : .cardYellow))
        }
        let (tail, tailStyle) = timeColumn(f, c, s, model: model)
        let warned = f == .alerts && !model.warnings(for: c.number).isEmpty
        // Assignee and title apart as the column's name has them: names of agencies and
        // titles are both Chinese words, and a space alone ran them together.
        let middle = f == .dispatch ? " " + Format.assignee(c.lead, model: model, lang: s.lang) + (c.lead == nil ? " " : " · ") + c.title
            : (warned ? " ⚠ " : " ") + c.title
        // Wide panes hold fixed columns, so places and times line up under their names
        // whatever the row holds; a narrow one gives the title all but the time itself.
        let cols = PaneColumns(f, x: x, width: width, done: s.showDone)
        let tailX = cols.place == nil ? max(col, x + width - min(DisplayWidth.of(tail) + 1, max(0, room() - 1))) : cols.tail
        col += b.cell(middle, x: col, y: y, width: max(0, (cols.place ?? tailX) - col), style: base)
        // Wide panes also say where: the village (or the place itself if higher).
        if let p = cols.place, p >= col {
            b.cell(" " + place(c, model), x: p, y: y, width: max(0, cols.tail - p), style: Style(.textDim).on(bg))
        }
        let tailEnd = x + PaneColumns.mainWidth(width)
        if tailX >= col { b.cell(tail, x: tailX, y: y, width: max(0, tailEnd - tailX), style: tailStyle.on(bg), align: .right) }
        if let d = cols.details { b.cell(PaneColumns.details(c, s.lang), x: d, y: y, width: max(0, x + width - d), style: Style(.textDim).on(bg)) }
    }

    /// The village (community) a case happened in, or the place itself above village level.
    static func place(_ c: CaseRecord, _ model: Model) -> String {
        guard let u = model.unit(c.location) else { return c.location }
        if u.tier == .grid, let p = u.parent, let village = model.unit(p) { return village.name }
        return u.name
    }

    /// Age of an alert, time left or overdue for work in hand, visit due for follow-ups.
    static func timeColumn(_ f: Focus, _ c: CaseRecord, _ s: ConsoleState, model: Model) -> (String, Style) {
        let now = model.now
        switch f {
        case .alerts where s.sorts[.alerts] == .deadline:
            // Ordered by time left, the column shows it: until accept-by, or how late.
            return timeLeft(until: PaneSort.deadline(c, in: .alerts, model: model), now: now)
        case .alerts:
            let late = now > PaneSort.deadline(c, in: .alerts, model: model)
            // Under a minute it says "now" rather than counting seconds: a count would
            // redraw every new alert's row every second, and no limit is in seconds.
            let age = now.since(c.reportedAt)
            let text = age.ms >= 0 && age.ms < 60_000 ? s.lang.pick("刚刚", "now") : Format.span(age)
            return (text, Style(late ? .overdue : .textDim))
        case .followUps where s.showDone:
            return (s.lang.label(c.state), Style(.textDim))
        case .followUps:
            guard let due = model.followUpDue(c) else { return ("", .plain) }
            return timeLeft(until: due, now: now)
        default:
            if c.state == .resolved { return (s.lang.pick("待核查", "verify"), Style(.good)) }
            // A case not yet accepted runs late against its accept-by time (the wall's
            // Overdue list shows such cases), everything else against its due time.
            return timeLeft(until: PaneSort.deadline(c, in: f, model: model), now: now)
        }
    }

    /// `3d` left, or `!2h` late (in the overdue colour).
    private static func timeLeft(until deadline: Instant, now: Instant) -> (String, Style) {
        let left = deadline.since(now)
        return left.ms < 0 ? ("!" + Format.span(left), Style(.overdue)) : (Format.remaining(left), Style(.textDim))
    }
}
