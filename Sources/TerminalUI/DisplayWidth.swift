import CShim

/// Terminal column widths of graphemes and strings.
///
/// Base widths come from glibc's `wcwidth`, which only works once a UTF-8
/// locale is active: call ``TerminalLocale/activate()`` first. On top of
/// that, emoji sequences that glibc measures scalar-by-scalar are treated
/// as one double-width cell, which is what current terminals draw.
public enum DisplayWidth {
    /// Columns one grapheme occupies: 0, 1 or 2.
    ///
    /// - Controls measure 0 (``Sanitizer`` makes them visible before display).
    /// - Combining marks, ZWJ and variation selectors after the first scalar add nothing.
    /// - Emoji presentation (VS16, `Emoji_Presentation`, ZWJ sequences,
    ///   regional-indicator flags) measures 2; VS15 asks for text width.
    /// - Scalars `wcwidth` does not know (unassigned, private use) measure 1.
    public static func of(_ character: Character) -> Int {
        // Most of what a frame draws is ASCII; its width needs no table.
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isControl(first) { return 0 }
        if scalars.count > 1, let emojiWidth = emojiSequenceWidth(first, scalars) { return emojiWidth }
        if mayPresentAsEmoji(first) && first.properties.isEmojiPresentation && !scalars.contains(textSelector) { return 2 }
        return baseWidth(first)
    }

    /// Sum of the widths of the string's graphemes.
    public static func of(_ string: String) -> Int {
        string.reduce(0) { $0 + of($1) }
    }

    /// Sum of the widths of the substring's graphemes.
    public static func of(_ string: Substring) -> Int {
        string.reduce(0) { $0 + of($1) }
    }

    static let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"
    static let emojiSelector: Unicode.Scalar = "\u{FE0F}"
    static let textSelector: Unicode.Scalar = "\u{FE0E}"

    /// C0, DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether the scalar lies where Unicode puts every `Emoji_Presentation` scalar.
    /// The property lookup is a table search that dominated frame time on CJK text,
    /// and no ideograph, letter or punctuation mark needs it
    /// (DisplayWidthTests checks the ranges against the whole code space).
    static func mayPresentAsEmoji(_ scalar: Unicode.Scalar) -> Bool {
        // Box drawing and geometric shapes (U+2500 to U+25FC), which every pane's
        // border and the level marks use, fall between the first two spans.
        switch scalar.value {
        case 0x231A...0x23F3, 0x25FD...0x27BF, 0x2B1B...0x2B55, 0x1F004...0x1FAFF: return true
        default: return false
        }
    }

    /// Regional indicator symbols (flag halves).
    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// Width of a multi-scalar emoji grapheme, or nil when it is not one.
    private static func emojiSequenceWidth(_ first: Unicode.Scalar,
                                           _ scalars: Character.UnicodeScalarView) -> Int? {
        if isRegionalIndicator(first) { return 2 }
        if scalars.contains(textSelector) { return nil }
        if scalars.contains(emojiSelector) { return 2 }
        // Digits and '#' are Emoji too (keycaps), but only with VS16/U+20E3.
        let emojiBase = first.properties.isEmoji && first.value > 0xFF
        if emojiBase && scalars.contains(zeroWidthJoiner) { return 2 }
        if emojiBase && scalars.contains(where: { $0.properties.isEmojiModifier }) { return 2 }
        return nil
    }

    /// `wcwidth` of one scalar, mapping "unknown" (-1) to a safe guess.
    private static func baseWidth(_ scalar: Unicode.Scalar) -> Int {
        let width = Int(gw_wcwidth(scalar.value))
        if width >= 0 { return width }
        // -1 means non-printable or unassigned: formats and marks take no
        // cell, anything else most terminals draw in one cell.
        switch scalar.properties.generalCategory {
        case .format, .nonspacingMark, .enclosingMark, .control: return 0
        default: return 1
        }
    }
}
