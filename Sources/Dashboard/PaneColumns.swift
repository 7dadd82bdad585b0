import DispatchCore
import TerminalUI

/// Where the columns of a case pane's rows start: shared by the rows, the column names
/// above them and clicks on those names, so all three agree.
struct PaneColumns {
    /// The level mark (after the number and its space), the title, the place (wide
    /// panes only), the time or state, and in a pane wider than `span` (Alerts across a
    /// wide screen) what kind of case, from where and from whom, after the time.
    var level: Int, middle: Int, place: Int?, tail: Int, details: Int?

    /// A pane at least this wide (Alerts across a wide screen) keeps its main columns to
    /// `span` and says more after them: wider, a title would sit so far from its place
    /// and time that the eye loses the row.
    static let detailsFrom = 130, span = 84

    /// The time column's width: `待核查` and `!19d` in Dispatch, a state such as
    /// `Archived` in the closed-case view, an age or time left elsewhere.
    static func tailWidth(_ f: Focus, done: Bool) -> Int {
        f == .dispatch ? 7 : (f == .followUps && done ? 9 : 6)
    }

    init(_ f: Focus, x: Int, width: Int, done: Bool) {
        level = x + 8
        middle = level + 2 + (f == .alerts ? 1 : 0)
        let main = Self.mainWidth(width)
        tail = max(middle, x + main - PaneColumns.tailWidth(f, done: done))
        place = width >= 56 ? tail - 14 : nil
        details = main < width ? x + main + 2 : nil
    }

    /// The width the number, level, title, place and time take in a pane `width` wide.
    static func mainWidth(_ width: Int) -> Int { width >= detailsFrom ? min(width, span) : width
    }

    /// The order a click at column `x` asks for, given the order now: the number
    /// (or an alert's age) flips newest and oldest first, the level orders by level,
    /// the time left by deadline.
    func sort(at x: Int, current: PaneSort, in f: Focus) -> PaneSort {
        let flip: PaneSort = current == .newest ? .oldest : .newest
        if let d = details, x >= d - 1 { return current }
        if x >= tail { return f == .alerts && current != .deadline ? flip : .deadline }
        if x >= level - 1 && x < middle + 1 { return .level }
        if x < level - 1 { return flip }
        return current
    }

    /// The column names, the one the pane is ordered by marked with its direction.
    static func header(_ f: Focus, _ s: ConsoleState, into b: inout Buffer, x: Int, y: Int, width: Int) {
        let sort = s.sorts[f] ?? .newest
        let cols = PaneColumns(f, x: x, width: width, done: s.showDone)
        let l = s.lang, style = Style(.textDim)
        let byNumber = sort == .newest || sort == .oldest
        b.cell(l.pick("编号", "Case") + (byNumber ? (sort == .oldest ? "▲" : "▼") : ""), x: x, y: y, width: cols.level - 1 - x, style: style)
        // One column early, so the arrow sits over the level marks.
        b.cell(l.pick("级", "Lv") + (sort == .level ? "▼" : ""), x: cols.level - 1, y: y, width: cols.middle + 1 - (cols.level - 1), style: style)
        let what = f == .dispatch ? l.pick("承办 · 标题", "Assignee · title") : l.pick("标题", "Title")
        b.cell(what, x: cols.middle + 1, y: y, width: max(0, (cols.place ?? cols.tail) - cols.middle - 1), style: style)
        if let p = cols.place { b.cell(l.pick(" 地点", " Place"), x: p, y: y, width: max(0, cols.tail - p), style: style) }
        let tail: String
        switch f {
        case .alerts: tail = sort == .deadline ? l.pick("时限", "Left") : l.pick("已等", "Age")
        case .followUps: tail = s.showDone ? l.pick("状态", "State") : l.pick("回访", "Visit")
        default: tail = l.pick("时限", "Left")
        }
        b.cell(tail + (sort == .deadline ? "▲" : ""), x: cols.tail, y: y, width: max(0, x + mainWidth(width) - cols.tail), style: style, align: .right)
        if let d = cols.details { b.cell(l.pick("类别 · 来源 · 上报人", "Category · source · reporter"), x: d, y: y, width: max(0, x + width - d), style: style) }
    }

    /// `物业纠纷 · 热线 · 王女士 · 12人`: the details column of a wide pane.
    static func details(_ c: CaseRecord, _ l: Lang) -> String {
        var parts = [l.label(c.category), l.label(c.source)]
        if !c.reporter.isEmpty { parts.append(c.reporter) }
        if c.people > 0 { parts.append(l.pick("\(c.people)人", c.people == 1 ? "1 person" : "\(c.people) people")) }
        return parts.joined(separator: " · ")
    }
}
