/// One terminal cell of a ``Buffer``.
///
/// A double-width grapheme occupies its cell plus the cell to its right,
/// which is marked `isContinuation` and holds no text of its own.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here (one `Character`, possibly with combining
    /// marks attached); empty for continuation cells.
    public var grapheme: String
    /// How the cell is drawn.
    public var style: Style
    /// True for the right half of a double-width grapheme.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(grapheme: String, style: Style = .plain, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(grapheme: " ", style: style)
    }

    /// The right half of a wide grapheme.
    static func continuation(_ style: Style) -> Cell {
        Cell(grapheme: "", style: style, isContinuation: true)
    }
}
