/// How one cell is drawn, in semantic terms: which element supplies the
/// foreground, which supplies the background, plus extra attributes.
///
/// Cells never store concrete colours, so switching theme or colour depth
/// needs no re-render of the content.
public struct Style: Hashable, Sendable {
    /// Element whose foreground colour (and attributes) the cell uses.
    public var fg: Element
    /// Element whose background colour the cell uses; `nil` means `fg`'s own.
    public var bg: Element?
    /// Attributes added on top of the theme's attributes for `fg`.
    public var attributes: TextAttributes

    /// Creates a style.
    public init(_ fg: Element = .text, bg: Element? = nil, attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// Plain body text.
    public static let plain = Style(.text)

    /// The same style with more attributes.
    public func adding(_ extra: TextAttributes) -> Style {
        Style(fg, bg: bg, attributes: attributes.union(extra))
    }

    /// The same foreground on another element's background (e.g. an alert
    /// badge inside a selected row).
    public func on(_ background: Element) -> Style {
        Style(fg, bg: background, attributes: attributes)
    }
}
