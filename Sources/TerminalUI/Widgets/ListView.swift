/// One row of a ``ListView``.
public struct ListRow: Hashable, Sendable {
    /// Row text (untrusted text is fine: it is sanitised when drawn).
    public var text: String
    /// Row style; a non-`.text` foreground survives selection.
    public var style: Style

    /// Creates a row.
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A scrolling single-column list with a selection.
public struct ListView: Hashable, Sendable {
    /// The rows; assigning keeps the selection index clamped.
    public var rows: [ListRow] {
        didSet { state.setCount(rows.count) }
    }
    /// Selection and scroll position.
    public private(set) var state: SelectionState
    /// Shown (in ``Element/muted``) when there are no rows.
    public var emptyText: String

    /// Creates a list with the first row selected.
    public init(rows: [ListRow] = [], emptyText: String = "") {
        self.rows = rows
        self.state = SelectionState(count: rows.count)
        self.emptyText = emptyText
    }

    /// Index of the selected row.
    public var selectedIndex: Int? { state.selected }

    /// Selects a row (clamped).
    public mutating func select(_ index: Int) {
        state.select(index)
    }

    /// Handles navigation keys for a viewport of `visibleRows` rows.
    /// - Returns: true when the key was consumed.
    public mutating func handle(_ key: Key, visibleRows: Int) -> Bool {
        state.handle(key, rows: visibleRows)
    }

    /// Draws the visible rows into `rect`; the selected row spans the full width.
    public func render(into buffer: inout Buffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        if rows.isEmpty {
            buffer.put(TextLayout.truncate(Sanitizer.inert(emptyText), toWidth: rect.width),
                       x: rect.x, y: rect.y, style: Style(.muted))
            return
        }
        let offset = state.visibleOffset(rows: rect.height)
        for line in 0..<rect.height where offset + line < rows.count {
            let index = offset + line
            let style = Self.rowStyle(rows[index].style, selected: index == state.selected, focused: focused)
            let text = TextLayout.fit(Sanitizer.inert(rows[index].text), toWidth: rect.width)
            buffer.put(text, x: rect.x, y: rect.y + line, style: style, maxWidth: rect.width)
        }
    }

    /// Selected rows take the selection background; plain rows also take
    /// its foreground, styled rows (alerts) keep theirs so severity stays visible.
    static func rowStyle(_ style: Style, selected: Bool, focused: Bool) -> Style {
        guard selected else { return style }
        let selection: Element = focused ? .selection : .selectionUnfocused
        return style.fg == .text ? Style(selection, attributes: style.attributes) : style.on(selection)
    }
}
