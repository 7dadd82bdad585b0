import TerminalUI

/// Where each part of the console goes for a terminal size.
struct ConsoleLayout {
    var header: Rect
    var grid: Rect
    var panes: [Rect]
    var status: Rect

    /// `focus`: on a narrow screen the focused case pane takes twice the width of the
    /// others (as lazygit does), so its titles can be read at 80x24.
    init(width: Int, height: Int, focus: Focus? = nil) {
        header = Rect(x: 0, y: 0, width: width, height: min(1, height))
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 1 ? 1 : 0)
        let body = max(0, height - 2)
        // The grid takes two fifths, at least 6 rows, or a quarter when the panes are
        // stacked (they need the rows more; the grid scrolls); the panes get the rest.
        let stacked = Self.stacks(width: width, height: height)
        var gridHeight = min(body, max(6, stacked ? body / 4 : body * 2 / 5))
        let rest = max(0, body - gridHeight)
        if stacked {
            // Alerts across the whole width, Dispatch and Follow-ups side by side below,
            // all three the same height (an odd row goes to the grid). A region the full
            // width of the screen is one the terminal can scroll: a new alert then moves
            // the rows below it with one scroll instead of rewriting each of them.
            let h = rest / 2
            gridHeight += rest - 2 * h
            grid = Rect(x: 0, y: 1, width: width, height: gridHeight)
            panes = [Rect(x: 0, y: 1 + gridHeight, width: width, height: h)]
                + Rect(x: 0, y: 1 + gridHeight + h, width: width, height: h).columns([.fill(weight: 1), .fill(weight: 1)])
            return
        }
        grid = Rect(x: 0, y: 1, width: width, height: gridHeight)
        let panesRect = Rect(x: 0, y: 1 + gridHeight, width: width, height: rest)
        let grow = width < 150 ? [Focus.alerts, .dispatch, .followUps].firstIndex { $0 == focus } : nil
        panes = panesRect.columns((0..<3).map { .fill(weight: $0 == grow ? 2 : 1) })
    }

    /// Whether the panes are stacked (Alerts above the other two): on a screen wide
    /// enough for two panes of full rows side by side, and tall enough that each of the
    /// three still lists ten cases.
    static func stacks(width: Int, height: Int) -> Bool { width >= 150 && height >= 56 }

    /// The row of column names inside a case pane `height` rows high: one from four
    /// rows up, none below (the cases need the room).
    static func headerRows(inside height: Int) -> Int { height >= 4 ? 1 : 0 }

    /// Rows of cases visible in each pane (inside the border, below the column names).
    var paneRows: Int {
        let inner = max(1, (panes.first?.height ?? 3) - 2)
        return inner - Self.headerRows(inside: inner)
    }
}

/// Writing one fitted cell of text.
extension Buffer {
    /// Writes `text` truncated with `…` (or padded) to exactly `width` columns.
    @discardableResult
    mutating func cell(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain, align: Alignment = .left) -> Int {
        guard width > 0 else { return 0 }
        put(TextLayout.fit(Sanitizer.inert(text), toWidth: width, alignment: align), x: x, y: y, style: style, maxWidth: width)
        return width
    }
}

/// The canvas every screen starts from.
enum Screen {
    /// A blank buffer of the terminal's size; below `minimum` it says so instead, and
    /// `fits` is false.
    static func blank(width: Int, height: Int, minimum: (width: Int, height: Int), lang: Lang) -> (Buffer, fits: Bool) {
        var b = Buffer(width: max(0, width), height: max(0, height))
        guard width >= minimum.width, height >= minimum.height else {
            b.cell(lang.pick("窗口太小", "window too small"), x: 0, y: 0, width: width, style: Style(.warning))
            return (b, false)
        }
        return (b, true)
    }
}
