import Foundation

/// What one element looks like: concrete colours plus attributes.
public struct ThemeEntry: Hashable, Sendable {
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Attributes always applied to this element.
    public var attributes: TextAttributes

    /// Creates an entry.
    public init(fg: Color = .default, bg: Color = .default, attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
}

/// A style resolved against a theme and colour depth: ready for a backend.
public struct ResolvedStyle: Hashable, Sendable {
    /// Foreground colour, already downgraded.
    public var fg: Color
    /// Background colour, already downgraded.
    public var bg: Color
    /// Theme attributes of the foreground element plus the style's own.
    public var attributes: TextAttributes

    /// Creates a resolved style.
    public init(fg: Color, bg: Color, attributes: TextAttributes) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
}

/// A mapping from every ``Element`` to a ``ThemeEntry``.
public struct Theme: Hashable, Sendable {
    /// Human-readable name (from the file's `name` key).
    public var name: String
    /// Entries that were given explicitly.
    public var entries: [Element: ThemeEntry]

    /// Creates a theme; elements missing from `entries` fall back to `.text`'s entry.
    public init(name: String, entries: [Element: ThemeEntry]) {
        self.name = name
        self.entries = entries
    }

    /// The entry for an element, falling back to `.text`, then to terminal defaults.
    public subscript(element: Element) -> ThemeEntry {
        entries[element] ?? entries[.text] ?? ThemeEntry()
    }

    /// Elements that have no explicit entry (shipped themes must have none).
    public var unmappedElements: [Element] {
        Element.allCases.filter { entries[$0] == nil }
    }

    /// Resolves a cell style for output at the given colour depth.
    public func resolve(_ style: Style, depth: ColorDepth) -> ResolvedStyle {
        let front = self[style.fg]
        let back = style.bg.map { self[$0] } ?? front
        return ResolvedStyle(
            fg: front.fg.downgraded(to: depth),
            bg: back.bg.downgraded(to: depth),
            attributes: front.attributes.union(style.attributes)
        )
    }

    /// True when no entry sets a colour: the theme was designed for mono.
    public var isMonochrome: Bool {
        entries.values.allSatisfy { $0.fg == .default && $0.bg == .default }
    }

    /// The theme to render with at `depth`. Colour themes mark the
    /// selection, alerts and headers mostly by colour, which `.mono` output
    /// (NO_COLOR, colourless terminals) strips; they are swapped for
    /// ``monochrome`` there so the selection stays visible. Themes
    /// designed for mono are kept as they are.
    public func effective(for depth: ColorDepth) -> Theme {
        depth == .mono && !isMonochrome ? .monochrome : self
    }

    /// A colourless theme that keeps elements apart with attributes only;
    /// used when no theme file is available or `NO_COLOR` is set.
    public static let monochrome: Theme = {
        let bold: Set<Element> = [.header, .headerText, .paneBorderFocus, .paneTitleFocus, .tableHeader,
                                  .alertRed, .cardRed, .overdue, .error, .statusKey, .banner, .inputFieldFocus]
        let reverse: Set<Element> = [.header, .headerText, .selection, .statusBar, .statusKey, .banner, .marked]
        let underline: Set<Element> = [.alertRed, .alertOrange, .cardRed, .cardYellow, .overdue,
                                       .inputField, .inputFieldFocus, .escapedText, .selectionUnfocused]
        let dim: Set<Element> = [.textDim, .muted, .stale, .paneBorder]
        var entries: [Element: ThemeEntry] = [:]
        for element in Element.allCases {
            var attributes = TextAttributes()
            if bold.contains(element) { attributes.insert(.bold) }
            if reverse.contains(element) { attributes.insert(.reverse) }
            if underline.contains(element) { attributes.insert(.underline) }
            if dim.contains(element) { attributes.insert(.dim) }
            entries[element] = ThemeEntry(attributes: attributes)
        }
        return Theme(name: "monochrome", entries: entries)
    }()
}
