import DispatchCore
import TerminalUI

/// The five tier columns, city → grid; each lists the children of the selection to its left.
enum TierGridView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer, in rect: Rect, highlight: Bool = true) {
        let shown = previewPath(s, model: model)
        let columns = rect.columns(widths(s, shown: shown, model: model))
        for (c, r) in columns.enumerated() {
            let tier = Tier.allCases[c]
            let active = s.focus == .grid && c == s.path.count - 1
            // Columns past the selection preview the busiest unit's children, titled
            // with its name, so the grid is never mostly blank.
            let (units, chosen, preview) = content(c, s, shown: shown, model: model)
            let title = preview ? s.lang.label(tier) + " · " + (model.unit(shown[c - 1])?.name ?? "") : s.lang.label(tier)
            let inner = Pane(title: title, focused: active).render(into: &b, in: r)
            guard inner.height > 0 else { continue }
            let offset = first(c, s, units: units, chosen: chosen, shown: shown, model: model, height: inner.height)
            for row in 0..<inner.height {
                let i = offset + row
                guard i < units.count else { break }
                line(model, Int(units[Int(i)]), selected: highlight && i == chosen, active: active, into: &b, x: inner.x, y: inner.y + row, width: inner.width)
            }
            hiddenCounts(above: offset, below: units.count - offset - inner.height, into: &b, border: r)
            if units.isEmpty, c <= s.path.count {
                b.cell(Words.empty(s.lang), x: inner.x, y: inner.y, width: inner.width, style: Style(.muted))
            }
        }
    }

    /// What column `c` lists (the children of the selection to its left, or a preview
    /// of the busiest unit's), which row is chosen, and whether it is a preview.
    static func content(_ c: Int, _ s: ConsoleState, shown: [String], model: Model) -> (units: [Int32], chosen: Int?, preview: Bool) {
        let preview = c > s.path.count && c - 1 < shown.count
        let units = GridNavigation.column(c, path: preview ? shown : s.path, model: model, floor: s.floor)
        let chosen = c < s.path.count ? units.firstIndex { model.units[Int($0)].code == s.path[c] } : nil
        return (units, chosen, preview)
    }

    /// The first unit shown in a column `height` rows high: the chosen one stays in view.
    static func firstRow(chosen: Int?, height: Int) -> Int { max(0, (chosen ?? 0) - height + 1) }

    /// The first unit column `c` shows: where the wheel left it, else what keeps its
    /// chosen (or previewed) unit in view.
    static func first(_ c: Int, _ s: ConsoleState, units: [Int32], chosen: Int?, shown: [String], model: Model, height: Int) -> Int {
        let scrolled = s.gridScroll.path == s.path ? s.gridScroll.first[c] : nil
        let row = scrolled ?? firstRow(chosen: kept(c, units: units, chosen: chosen, shown: shown, model: model), height: height)
        return clamped(row, count: units.count, height: height)
    }

    /// After the selection moved: each column that lists the same units as before keeps
    /// the rows it showed, moving only as far as its chosen (or previewed) unit needs to
    /// be in view. A unit clicked stays under the pointer, and a key moves the highlight
    /// within the rows on screen rather than dragging the list.
    static func keepView(from old: ConsoleState, to s: inout ConsoleState, model: Model) {
        let height = ConsoleLayout(width: s.screen.width, height: s.screen.height, focus: s.focus).grid.height - 2
        guard height > 0 else { return }
        let oldShown = previewPath(old, model: model), shown = previewPath(s, model: model)
        var rows: [Int: Int] = [:]
        for c in 0..<Tier.allCases.count {
            let (units, chosen, _) = content(c, s, shown: shown, model: model)
            let (oldUnits, oldChosen, _) = content(c, old, shown: oldShown, model: model)
            guard units == oldUnits else { continue }
            var row = first(c, old, units: oldUnits, chosen: oldChosen, shown: oldShown, model: model, height: height)
            if let k = kept(c, units: units, chosen: chosen, shown: shown, model: model) {
                if k < row { row = k } else if k >= row + height { row = k - height + 1 }
            }
            rows[c] = row
        }
        s.gridScroll = (s.path, rows)
    }

    /// A first row that leaves no blank rows below the last unit (and none above the first).
    static func clamped(_ row: Int, count: Int, height: Int) -> Int { max(0, min(row, count - height)) }

    /// The row column `c` keeps in view: the chosen unit, or in a preview the unit whose
    /// children the next column shows (its title names it, so it must be on screen).
    static func kept(_ c: Int, units: [Int32], chosen: Int?, shown: [String], model: Model) -> Int? {
        if let chosen { return chosen }
        guard c < shown.count, let previewed = model.unitIndex(of: shown[c]) else { return nil }
        return units.firstIndex(of: Int32(previewed))
    }

    /// `↑2 ↓14` on a column's bottom border when units lie above or below its rows.
    static func hiddenCounts(above: Int, below: Int, into b: inout Buffer, border r: Rect) {
        let text = [above > 0 ? "↑\(above)" : nil, below > 0 ? "↓\(below)" : nil].compactMap { $0 }.joined(separator: " ")
        guard !text.isEmpty, r.height >= 2 else { return }
        let label = " " + text + " ", width = DisplayWidth.of(label)
        guard width + 2 <= r.width else { return }
        b.cell(label, x: r.x + r.width - 1 - width, y: r.y + r.height - 1, width: width, style: Style(.paneBorder))
    }

    /// Each column's share of the width, by what it holds: the longest name and counts
    /// in it (a city column of one row no longer takes a fifth of a narrow screen).
    static func widths(_ s: ConsoleState, shown: [String], model: Model) -> [LayoutSize] {
        (0..<Tier.allCases.count).map { c in
            let units = content(c, s, shown: shown, model: model).units
            let widest = units.prefix(200).map { u -> Int in
                let k = model.counts[Int(u)]
                let counts = k.open > 0 ? DisplayWidth.of(Format.count(k.open)) + (k.overdue > 0 ? 2 + DisplayWidth.of(Format.count(k.overdue)) : 0) : 0
                return 2 + DisplayWidth.of(model.units[Int(u)].name) + 1 + counts
            }.max() ?? 8
            return .fill(weight: min(24, max(10, widest)) + 2)
        }
    }

    /// The selection, extended tier by tier with the unit in the next column that has
    /// the most overdue (then open) cases: what the preview columns show the children of.
    static func previewPath(_ s: ConsoleState, model: Model) -> [String] {
        var path = s.path
        while path.count < Tier.allCases.count - 1 {
            let list = GridNavigation.column(path.count, path: path, model: model, floor: s.floor)
            guard let busiest = list.max(by: { a, b in
                let x = model.counts[Int(a)], y = model.counts[Int(b)]
                return (x.overdue, x.open, b) < (y.overdue, y.open, a)
            }) else { break }
            path.append(model.units[Int(busiest)].code)
        }
        return path
    }

    /// `● 西岗区      12 !3`: risk marker, name, open count, overdue count.
    static func line(_ model: Model, _ u: Int, selected: Bool, active: Bool, into b: inout Buffer, x: Int, y: Int, width: Int) {
        let k = model.counts[u]
        let base: Style = selected ? Style(active ? .selection : .selectionUnfocused) : .plain
        b.fill(Rect(x: x, y: y, width: width, height: 1), style: base)
        let risk = k.highestRisk
        b.cell(Format.marker(risk), x: x, y: y, width: 2, style: risk.map { Style(Format.element($0)).on(base.bg ?? .text) } ?? base)
        // The name is the point: counts give way before it is cut below four characters
        // (the overdue count first, then the open count).
        let name = model.units[u].name
        let keep = min(DisplayWidth.of(name), 8)
        let open = k.open > 0 ? Format.count(k.open) : "", overdue = k.overdue > 0 ? " !" + Format.count(k.overdue) : ""
        let counts = [open + overdue, open, ""].first { $0.isEmpty || width - 2 - DisplayWidth.of($0) - 1 >= keep } ?? ""
        let countWidth = min(DisplayWidth.of(counts), max(0, width - 4))
        b.cell(name, x: x + 2, y: y, width: max(0, width - 2 - countWidth - (countWidth > 0 ? 1 : 0)), style: base)
        if countWidth > 0 {
            b.cell(counts, x: x + width - countWidth, y: y, width: countWidth,
                   style: counts.contains("!") ? Style(.overdue).on(base.bg ?? .text) : base, align: .right)
        }
    }
}
