/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly this many columns (less if the table is too narrow).
    case fixed(Int)
    /// A share of the space left by fixed columns, by weight, never below `min`
    /// while space lasts.
    case flexible(weight: Int, min: Int)

    /// A flexible column of weight 1 and no minimum.
    public static let flexible = ColumnWidth.flexible(weight: 1, min: 0)
}

/// A column of a ``Table``.
public struct TableColumn: Hashable, Sendable {
    /// Header text.
    public var title: String
    /// Width rule.
    public var width: ColumnWidth
    /// Alignment of header and cells.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, width: ColumnWidth = .flexible, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A row of a ``Table``.
public struct TableRow: Hashable, Sendable {
    /// Cell texts, one per column (missing cells are blank, extras ignored).
    public var cells: [String]
    /// Style for the whole row.
    public var style: Style
    /// Per-cell overrides (e.g. a severity column), by column index.
    public var cellStyles: [Int: Style]

    /// Creates a row.
    public init(_ cells: [String], style: Style = .plain, cellStyles: [Int: Style] = [:]) {
        self.cells = cells
        self.style = style
        self.cellStyles = cellStyles
    }
}

/// A scrolling table with a header row, per-column alignment and
/// truncation by display columns, so CJK text lines up.
public struct Table: Hashable, Sendable {
    /// Column definitions.
    public var columns: [TableColumn]
    /// Body rows; assigning keeps the selection index clamped.
    public var rows: [TableRow] {
        didSet { state.setCount(rows.count) }
    }
    /// Selection and scroll position of the body.
    public private(set) var state: SelectionState
    /// Whether the first line of the area shows column titles.
    public var showsHeader: Bool
    /// Blank columns between adjacent columns.
    public var gap: Int

    /// Creates a table with the first row selected.
    public init(columns: [TableColumn], rows: [TableRow] = [], showsHeader: Bool = true, gap: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.state = SelectionState(count: rows.count)
        self.showsHeader = showsHeader
        self.gap = max(0, gap)
    }

    /// Index of the selected row.
    public var selectedIndex: Int? { state.selected }

    /// Selects a row (clamped).
    public mutating func select(_ index: Int) {
        state.select(index)
    }

    /// Body rows visible in an area of `height` rows.
    public func bodyRows(inHeight height: Int) -> Int {
        max(0, height - (showsHeader ? 1 : 0))
    }

    /// Handles navigation keys for a table drawn `height` rows tall.
    /// - Returns: true when the key was consumed.
    public mutating func handle(_ key: Key, height: Int) -> Bool {
        state.handle(key, rows: bodyRows(inHeight: height))
    }

    /// Draws header and visible rows into `rect`.
    public func render(into buffer: inout Buffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let widths = Self.columnWidths(columns, totalWidth: rect.width, gap: gap)
        var y = rect.y
        if showsHeader {
            let titles = TableRow(columns.map(\.title), style: Style(.tableHeader))
            draw(titles, widths: widths, style: titles.style, at: Rect(x: rect.x, y: y, width: rect.width, height: 1),
                 into: &buffer, focused: focused, selected: false)
            y += 1
        }
        let body = bodyRows(inHeight: rect.height)
        let offset = state.visibleOffset(rows: body)
        for line in 0..<body where offset + line < rows.count {
            let index = offset + line
            let row = rows[index]
            let selected = index == state.selected
            let style = ListView.rowStyle(row.style, selected: selected, focused: focused)
            draw(row, widths: widths, style: style, at: Rect(x: rect.x, y: y + line, width: rect.width, height: 1),
                 into: &buffer, focused: focused, selected: selected)
        }
    }

    private func draw(_ row: TableRow, widths: [Int], style: Style, at line: Rect,
                      into buffer: inout Buffer, focused: Bool, selected: Bool) {
        buffer.fill(line, style: style)
        var x = line.x
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            let raw = index < row.cells.count ? row.cells[index] : ""
            let text = TextLayout.fit(Sanitizer.inert(raw), toWidth: widths[index], alignment: column.alignment)
            let cellStyle = row.cellStyles[index].map {
                ListView.rowStyle($0, selected: selected, focused: focused)
            } ?? style
            buffer.put(text, x: x, y: line.y, style: cellStyle, maxWidth: min(widths[index], line.maxX - x))
            x += widths[index] + gap
        }
    }

    /// Resolves column widths for a table `totalWidth` columns wide.
    ///
    /// Fixed columns are served first, left to right; flexible columns then
    /// get their minimums, and the rest is shared by weight (rounding
    /// leftovers to the leftmost). The result never exceeds the space.
    public static func columnWidths(_ columns: [TableColumn], totalWidth: Int, gap: Int = 1) -> [Int] {
        var widths = [Int](repeating: 0, count: columns.count)
        var remaining = max(0, totalWidth - max(0, columns.count - 1) * max(0, gap))
        for (i, column) in columns.enumerated() {
            if case .fixed(let n) = column.width {
                widths[i] = min(max(0, n), remaining)
                remaining -= widths[i]
            }
        }
        for (i, column) in columns.enumerated() {
            if case .flexible(_, let minimum) = column.width {
                widths[i] = min(max(0, minimum), remaining)
                remaining -= widths[i]
            }
        }
        let sizes = columns.map { column -> LayoutSize in
            if case .flexible(let weight, _) = column.width { return .fill(weight: weight) }
            return .fixed(0)
        }
        for (i, band) in Rect.distribute(sizes, total: remaining).enumerated() {
            widths[i] += band.length
        }
        return widths
    }
}
