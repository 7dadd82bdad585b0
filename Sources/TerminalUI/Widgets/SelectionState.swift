/// Selection and scroll position of a vertical list of `count` rows.
///
/// Shared by ``ListView``, ``Table`` and ``Picker``. The selection is `nil`
/// exactly when the list is empty; the offset is advisory and corrected to
/// keep the selection on screen by ``visibleOffset(rows:)``.
public struct SelectionState: Hashable, Sendable {
    /// Number of rows.
    public private(set) var count: Int
    /// Selected row, nil when `count == 0`.
    public private(set) var selected: Int?
    /// First row shown, as last stored.
    public private(set) var offset: Int = 0

    /// Creates a state with `selected` clamped into range.
    public init(count: Int, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = nil
        select(selected)
    }

    /// Changes the row count, keeping the selection index clamped.
    public mutating func setCount(_ newCount: Int) {
        count = max(0, newCount)
        select(selected ?? 0)
        offset = min(offset, max(0, count - 1))
    }

    /// Selects a row (clamped into range).
    public mutating func select(_ index: Int) {
        selected = count == 0 ? nil : min(max(0, index), count - 1)
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    public mutating func move(by delta: Int) {
        guard let current = selected else { return }
        let (target, overflow) = current.addingReportingOverflow(delta)
        select(overflow ? (delta > 0 ? Int.max : 0) : target)
    }

    /// The offset to draw with in a viewport of `rows` rows: the stored
    /// offset, moved just enough to show the selection, and never leaving
    /// blank rows at the bottom while earlier rows are hidden.
    public func visibleOffset(rows: Int) -> Int {
        guard rows > 0, count > 0 else { return 0 }
        var start = offset
        if let selected {
            if selected < start { start = selected }
            if selected >= start + rows { start = selected - rows + 1 }
        }
        return min(max(0, start), max(0, count - rows))
    }

    /// Stores ``visibleOffset(rows:)`` so later scrolling starts from it.
    public mutating func scrollToSelection(rows: Int) {
        offset = visibleOffset(rows: rows)
    }

    /// Handles navigation keys (arrows, Page Up/Down, Home, End).
    /// - Parameter rows: viewport height, used for paging and scrolling.
    /// - Returns: true when the key was a navigation key.
    public mutating func handle(_ key: Key, rows: Int) -> Bool {
        let page = max(1, rows - 1)
        switch key {
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -page)
        case .pageDown: move(by: page)
        case .home: select(0)
        case .end: select(count - 1)
        default: return false
        }
        scrollToSelection(rows: rows)
        return true
    }
}
