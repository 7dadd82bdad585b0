/// Horizontal alignment inside a fixed number of columns.
public enum Alignment: Hashable, Sendable {
    /// Flush left, padded on the right.
    case left
    /// Flush right, padded on the left.
    case right
    /// Centred; an odd leftover column goes to the right.
    case center
}

/// Column-aware truncation and padding. All widths are display columns.
public enum TextLayout {
    /// The ellipsis used to mark a cut (one column wide).
    public static let ellipsis: Character = "…"

    /// Cuts `string` so it fits in `width` columns, ending in "…" when cut.
    ///
    /// Never splits a grapheme. The result may be narrower than `width`
    /// when a double-width character does not fit next to the ellipsis;
    /// use ``fit(_:toWidth:alignment:)`` for an exact width.
    public static func truncate(_ string: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(string) <= width { return string }
        return prefix(string, fittingWidth: width - 1).text + String(ellipsis)
    }

    /// Pads `string` with spaces to `width` columns; strings already that
    /// wide or wider are returned unchanged.
    public static func pad(_ string: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        let missing = width - DisplayWidth.of(string)
        guard missing > 0 else { return string }
        switch alignment {
        case .left: return string + spaces(missing)
        case .right: return spaces(missing) + string
        case .center: return spaces(missing / 2) + string + spaces(missing - missing / 2)
        }
    }

    /// Truncates then pads: the result is exactly `width` columns wide.
    public static func fit(_ string: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        pad(truncate(string, toWidth: width), toWidth: width, alignment: alignment)
    }

    /// Longest prefix that fits in `width` columns, without ellipsis, plus its width.
    public static func prefix(_ string: String, fittingWidth width: Int) -> (text: String, width: Int) {
        var result = ""
        var used = 0
        for character in string {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return (result, used)
    }

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }
}
