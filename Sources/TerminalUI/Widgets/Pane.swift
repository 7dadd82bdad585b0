/// A bordered box with an optional title, drawn with box-drawing characters.
///
/// ```
/// ┌─ Incidents ──┐
/// │              │
/// └──────────────┘
/// ```
public struct Pane: Hashable, Sendable {
    /// Title shown in the top border (sanitised and truncated to fit).
    public var title: String
    /// Focused panes use ``Element/paneBorderFocus`` and ``Element/paneTitleFocus``.
    public var focused: Bool

    /// Creates a pane.
    public init(title: String = "", focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// The area inside the border of a pane occupying `rect`.
    public static func interior(of rect: Rect) -> Rect {
        rect.inset(by: 1)
    }

    /// Draws the border and title; returns the interior for the content.
    /// Rectangles smaller than 2x2 have no room for a border: nothing is
    /// drawn and the result is empty.
    @discardableResult
    public func render(into buffer: inout Buffer, in rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = Style(focused ? .paneBorderFocus : .paneBorder)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: border)
        for row in rect.y + 1..<rect.maxY - 1 {
            buffer.put("│", x: rect.x, y: row, style: border)
            buffer.put("│", x: rect.maxX - 1, y: row, style: border)
        }
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        renderTitle(into: &buffer, in: rect)
        return Self.interior(of: rect)
    }

    /// Title sits after "┌─" with a space either side, leaving "─┐" visible.
    private func renderTitle(into buffer: inout Buffer, in rect: Rect) {
        let room = rect.width - 6
        let clean = Sanitizer.inert(title)
        guard !clean.isEmpty, room > 0 else { return }
        let text = " " + TextLayout.truncate(clean, toWidth: room) + " "
        buffer.put(text, x: rect.x + 2, y: rect.y, style: Style(focused ? .paneTitleFocus : .paneTitle))
    }
}
