import DispatchCore
import TerminalUI

/// Pop-ups drawn over the console.
enum OverlayView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer) {
        let full = b.bounds
        switch s.overlay {
        case .none: return
        case .help: help(s, into: &b, in: box(full, width: 84, height: (s.bindings.count + 2) / 3 + 8))
        case .indicators: IndicatorView.render(s, model: model, into: &b, in: box(full, width: 72, height: s.trends == nil ? 23 : 31))
        case .detail(let n, let timeline): detail(n, timeline, s, model: model, into: &b, in: box(full, width: 100, height: 30))
        case .form(let f):
            // Wide enough for what it says (a conflict, a refusal), within the screen.
            let said = DisplayWidth.of(f.error ?? f.note ?? "") + 4
            form(f, s, model: model, into: &b, in: box(full, width: min(max(60, said), full.width - 2), height: f.form.fields.count + 5))
        case .picker(let p): picker(p, s, into: &b, in: box(full, width: 60, height: 18))
        case .found(let query, let p):
            let inner = Pane(title: s.lang.pick("查找 \(query)：\(p.items.count) 件", "find \(query): \(p.items.count) cases"), focused: true)
                .render(into: &b, in: box(full, width: 90, height: 20))
            b.fill(inner, style: .plain)
            guard inner.height > 2 else { return }
            p.render(into: &b, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), focused: true)
            b.cell(s.lang.pick("输入以缩小范围 · Enter 打开 · Esc 关闭", "type to narrow · Enter opens · Esc closes"),
                   x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: Style(.muted))
        case .confirm(let c):
            let r = box(full, width: DisplayWidth.of(c.question) + 6, height: 3)
            let inner = Pane(title: "", focused: true).render(into: &b, in: r)
            b.fill(inner, style: .plain)
            b.cell(c.question, x: inner.x + 1, y: inner.y, width: inner.width - 1, style: Style(.warning))
        case .prompt(let kind, let field):
            let row = Rect(x: 0, y: max(0, full.height - 1), width: full.width, height: 1)
            b.fill(row, style: Style(.inputField))
            let label = kind == .filter ? "/" : ":"
            b.put(label, x: 0, y: row.y, style: Style(.inputLabel))
            _ = field.render(into: &b, in: Rect(x: 1, y: row.y, width: max(0, full.width - 1), height: 1), focused: true)
            if !s.completions.isEmpty, row.y > 0 {
                let more = s.completions.count > 40 ? s.lang.pick(" …共 \(s.completions.count) 个", " … \(s.completions.count) in all") : ""
                b.cell(s.completions.prefix(40).joined(separator: "  ") + more, x: 0, y: row.y - 1, width: full.width, style: Style(.statusBar))
            }
        }
    }

    /// A centred rectangle no larger than the screen.
    static func box(_ full: Rect, width: Int, height: Int) -> Rect {
        let w = min(width, max(0, full.width - 2)), h = min(height, max(0, full.height - 2))
        return Rect(x: (full.width - w) / 2, y: (full.height - h) / 2, width: w, height: h)
    }

    static func help(_ s: ConsoleState, into b: inout Buffer, in r: Rect) {
        let inner = Pane(title: s.lang.pick("按键（Esc 关闭）", "Keys (Esc closes)"), focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        // Three columns where they fit, so the legend below still shows at 80x24.
        let columns = inner.width >= 72 ? 3 : 2
        let half = (s.bindings.count + columns - 1) / columns
        for (i, k) in s.bindings.enumerated() {
            let col = i / half
            let x = inner.x + 1 + col * (inner.width / columns), y = inner.y + (i % half)
            guard y < inner.maxY else { continue }
            b.cell(k.keyLabel, x: x, y: y, width: 7, style: Style(.statusKey).on(.text))
            b.cell(s.lang.pick(k.zh, k.en), x: x + 8, y: y, width: max(0, inner.width / columns - 10))
        }
        // What the marks in the lists mean.
        let legend = [s.lang.pick("风险  ● 红色  ◆ 橙色  ▲ 黄色  ■ 蓝色（行首）", "risk  ● red  ◆ orange  ▲ yellow  ■ blue (first mark)"),
                      s.lang.pick("标记  * 待受理  ! 超期  ⚠ 有预警  + 已选（空格）  标题 ↑N 在上方：视图之上还有 N 行（g 回到顶部）",
                                  "marks  * not accepted  ! overdue  ⚠ early warning  + marked (Space)  title ↑N above: N rows above the view (g: top)"),
                      s.lang.pick("督办  第二个标记为督办牌（黄/红）  — 尚未交办", "cards  a second mark is the supervision card  — no lead yet"),
                      s.lang.pick("筛选  /@mine 本中心 @red 红色 @overdue 超期 @new 待受理；F 轮换",
                                  "filters  /@mine @red @overdue @new (F cycles, Esc clears)"),
                      s.mouse ? s.lang.pick("鼠标  点击选中，再点打开；滚轮滚动；点列名排序", "mouse  click selects, again opens; wheel scrolls; a column name sorts")
                          : s.lang.pick("鼠标  已关闭（配置 [console] mouse = false）", "mouse  off ([console] mouse = false in the config)")]
        for (i, line) in legend.enumerated() where inner.y + half + 1 + i < inner.maxY {
            b.cell(line, x: inner.x + 1, y: inner.y + half + 1 + i, width: inner.width - 2, style: Style(.textDim))
        }
    }

    static func detail(_ n: String, _ timeline: [TimelineEntry]?, _ s: ConsoleState, model: Model, into b: inout Buffer, in r: Rect) {
        let inner = Pane(title: n, focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        guard let c = model.case(n), inner.height > 0 else { return }
        let l = s.lang, w = inner.width - 2
        var lines: [(String, Style)] = [
            ("\(Format.marker(c.level)) \(l.label(c.level)) · \(l.label(c.category)) · \(l.label(c.state))", Style(Format.element(c.level))),
            (c.title, Style(.headerText).on(.text)),
            (l.pick("地点 ", "Place ") + model.path(of: c.location).reversed().compactMap { model.unit($0)?.name }.joined(separator: " › "), .plain),
            (l.pick("承办 ", "Owner ") + (model.unit(c.owner)?.name ?? c.owner) + "  " + l.pick("主办 ", "Lead ")
                + Format.assignee(c.lead, model: model, lang: l), .plain),
            deadlines(c, s, model: model),
            (l.pick("来源 ", "Source ") + l.label(c.source) + "  " + l.pick("上报人 ", "Reporter ") + c.reporter + "  "
                + l.pick("涉及人数 ", "People ") + String(c.people), .plain),
        ]
        if !c.detail.isEmpty { lines.append((c.detail, Style(.textDim))) }
        for w in model.warnings(for: n) {
            let place = model.unit(w.unit)?.name ?? w.unit
            let others = w.cases.filter { $0 != n }
            lines.append(("⚠ " + l.label(w.rule) + " · " + place + " · " + l.pick("\(w.cases.count) 件", w.cases.count == 1 ? "1 case" : "\(w.cases.count) cases")
                + (others.isEmpty ? "" : l.pick("，另见 ", ", also ") + others.prefix(6).joined(separator: " ") + (others.count > 6 ? " …" : "")),
                          Style(.warning)))
        }
        lines.append(("", .plain))
        if let timeline {
            for e in timeline {
                lines.append((Format.shortTime(e.event.at, offset: s.utcOffsetSeconds) + "  " + e.event.actor + "  "
                    + Timeline.describe(e.event.body, model: model, lang: l, offset: s.utcOffsetSeconds, recordedAt: e.event.at), .plain))
            }
        } else {
            lines.append((l.pick("读取时间线…", "reading timeline…"), Style(.muted)))
        }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            b.cell(line.0, x: inner.x + 1, y: inner.y + i, width: w, style: line.1)
        }
    }

    /// Both deadlines, each with the time left or how late it is: a red case hours past
    /// its accept-by time says so, not only when it is due.
    static func deadlines(_ c: CaseRecord, _ s: ConsoleState, model: Model) -> (String, Style) {
        let l = s.lang, now = model.now
        let when = { (t: Instant) in
            let time = Format.shortTime(t, offset: s.utcOffsetSeconds)
            return now > t ? time + l.pick("（超期 \(Format.span(now.since(t)))）", " (overdue \(Format.span(now.since(t))))")
                           : time + l.pick("（剩 \(Format.remaining(t.since(now)))）", " (\(Format.remaining(t.since(now))) left)")
        }
        let accept = c.acceptedAt.map { l.pick("受理于 ", "Accepted ") + Format.shortTime($0, offset: s.utcOffsetSeconds) }
            ?? l.pick("受理时限 ", "Accept by ") + when(model.acceptBy(c))
        let open = c.state.isOpen && c.state != .resolved
        let due = l.pick("办结时限 ", "Due ") + (open ? when(c.dueAt) : Format.shortTime(c.dueAt, offset: s.utcOffsetSeconds))
        let late = open && (now > c.dueAt || (c.acceptedAt == nil && now > model.acceptBy(c)))
        return (accept + "  " + due, late ? Style(.overdue) : .plain)
    }

    static func form(_ f: PendingForm, _ s: ConsoleState, model: Model, into b: inout Buffer, in r: Rect) {
        let inner = Pane(title: f.title, focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        guard inner.height > 2 else { return }
        if let choice = f.choice {
            let name = { (id: String) in Format.assignee(Assignee(tagged: id), model: model, lang: s.lang) }
            b.cell("→ " + name(choice.primary) + (choice.assisting.isEmpty ? "" : " + " + choice.assisting.map(name).joined(separator: ", ")),
                   x: inner.x + 1, y: inner.y, width: inner.width - 2, style: Style(.good))
        }
        let fields = Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: f.form.fields.count)
        _ = f.form.render(into: &b, in: fields)
        let hint = f.error ?? f.note ?? s.lang.pick("Enter 确认 · Tab 下一项 · Esc 取消", "Enter confirms · Tab next field · Esc cancels")
        b.cell(hint, x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: Style(f.error == nil ? .muted : .error))
    }

    static func picker(_ p: PendingPicker, _ s: ConsoleState, into b: inout Buffer, in r: Rect) {
        let inner = Pane(title: p.title, focused: true).render(into: &b, in: r)
        b.fill(inner, style: .plain)
        guard inner.height > 2 else { return }
        let hint = p.picker.allowsMultiSelect
            ? s.lang.pick("名称、拼音或代码 · Tab 协办 · Enter 主办 · Esc 取消", "name, pinyin or code · Tab assists · Enter lead · Esc")
            : s.lang.pick("输入名称或代码 · Enter 选择 · Esc 取消", "type name or code · Enter picks · Esc")
        p.picker.render(into: &b, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), focused: true)
        b.cell(hint, x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: Style(.muted))
    }
}
