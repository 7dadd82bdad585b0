/// An off-screen grid of cells that widgets draw into.
///
/// Nothing here talks to a terminal: a backend copies the buffer out, tests
/// compare ``lines(trimTrailing:)`` against expected text, and the
/// plain-text (no terminal / `NO_COLOR`) path prints the same lines.
///
/// Invariants kept by every mutating method: a continuation cell always
/// follows a double-width lead cell, no text is split mid-grapheme, and no
/// cell holds a control character (text is passed through
/// ``Sanitizer/inert(_:)`` on the way in).
public struct Buffer: Hashable, Sendable {
    /// Width in columns.
    public let width: Int
    /// Height in rows.
    public let height: Int
    /// Cells in row-major order.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells (negative sizes become 0).
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at column `x`, row `y` (a blank cell when out of range).
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank() }
        return cells[y * width + x]
    }

    /// Resets every cell to a blank in `style`.
    public mutating func clear(style: Style = .plain) {
        cells = Array(repeating: .blank(style), count: width * height)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`.
    /// A double-width fill character that does not divide the width leaves a space pad.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let charWidth = max(1, DisplayWidth.of(character))
        let line = String(repeating: String(character), count: area.width / charWidth + 1)
        for row in area.y..<area.maxY {
            put(line, x: area.x, y: row, style: style, maxWidth: area.width)
        }
    }

    /// Writes `text` from column `x` of row `y`, by display columns.
    ///
    /// Writing stops at `x + maxWidth` and at the buffer edge. A wide
    /// grapheme that would straddle either edge is replaced by a space pad,
    /// never split. Zero-width graphemes attach to the preceding cell
    /// written by this call (or are dropped at the start). Text is
    /// sanitised first, so untrusted input cannot inject controls.
    /// - Returns: columns advanced from `x` (including any pad).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        var writer = RowWriter(row: y, column: x, limit: min(Self.limit(x, maxWidth), width))
        for character in Sanitizer.inert(text) where !writer.write(character, style: style, into: &self) {
            break
        }
        return writer.column - x
    }

    /// Like ``put(_:x:y:style:maxWidth:)`` but draws the escapes that
    /// sanitising produced in `escapeStyle`, so injected controls stand out.
    @discardableResult
    public mutating func putInert(_ text: String, x: Int, y: Int, style: Style = .plain,
                                  escapeStyle: Style = Style(.escapedText), maxWidth: Int? = nil) -> Int {
        var column = x
        let limit = Self.limit(x, maxWidth)
        for span in Sanitizer.spans(text) where column < limit {
            column += put(span.text, x: column, y: y, style: span.isEscape ? escapeStyle : style,
                          maxWidth: limit == Int.max ? nil : limit - column)
        }
        return column - x
    }

    /// Exclusive right edge for a write: `x + maxWidth`, saturating rather
    /// than trapping when a caller passes a huge width.
    static func limit(_ x: Int, _ maxWidth: Int?) -> Int {
        guard let maxWidth else { return Int.max }
        let (sum, overflow) = x.addingReportingOverflow(max(0, maxWidth))
        return overflow ? Int.max : sum
    }

    /// The buffer as plain text, one string per row (continuation cells
    /// contribute nothing, so each line has the display width of the row).
    public func lines(trimTrailing: Bool = false) -> [String] {
        (0..<height).map { row in
            var line = ""
            for cell in cells[row * width..<(row + 1) * width] where !cell.isContinuation {
                line += cell.grapheme
            }
            guard trimTrailing else { return line }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Stores one cell, repairing any wide grapheme it partly overwrites.
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation && x > 0 && !cell.isContinuation {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if !old.isContinuation && x + 1 < width && cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Appends a zero-width grapheme to the cell at (x, y).
    mutating func attach(_ character: Character, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x].grapheme.append(character)
    }
}

/// Cursor state for one ``Buffer/put(_:x:y:style:maxWidth:)`` call.
private struct RowWriter {
    let row: Int
    var column: Int
    /// Exclusive right edge: the nearer of `x + maxWidth` and the buffer width.
    let limit: Int
    /// Column of the last visible cell this call wrote, for zero-width marks.
    var lastWritten: Int?

    init(row: Int, column: Int, limit: Int) {
        self.row = row
        self.column = column
        self.limit = limit
    }

    /// Writes one grapheme; returns false once nothing more can be visible.
    mutating func write(_ character: Character, style: Style, into buffer: inout Buffer) -> Bool {
        let w = DisplayWidth.of(character)
        if w == 0 {
            if let last = lastWritten { buffer.attach(character, x: last, y: row) }
            return true
        }
        if column + w > limit {
            // Only a wide grapheme can overshoot with room left: pad, don't split.
            if column < limit { pad(from: max(column, 0), to: limit, style: style, into: &buffer) }
            column = max(column, min(limit, column + w))
            return false
        }
        if column < 0 {
            // Left of the buffer: invisible, but a wide one may poke into column 0.
            if column + w > 0 { pad(from: 0, to: column + w, style: style, into: &buffer) }
            column += w
            lastWritten = nil
            return true
        }
        buffer.set(Cell(grapheme: String(character), style: style), x: column, y: row)
        if w == 2 { buffer.set(.continuation(style), x: column + 1, y: row) }
        lastWritten = column
        column += w
        return true
    }

    private func pad(from start: Int, to end: Int, style: Style, into buffer: inout Buffer) {
        for x in start..<max(start, end) { buffer.set(.blank(style), x: x, y: row) }
    }
}
