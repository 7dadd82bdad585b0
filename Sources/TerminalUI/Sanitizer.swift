/// Makes untrusted text (reports, names, log fields) safe to display.
///
/// Every scalar that a terminal would interpret rather than draw — C0/C1
/// controls, DEL, ESC — and every invisible scalar that can disguise text —
/// bidi embeddings/overrides/isolates/marks, zero-width space, word joiner,
/// BOM, soft hyphen, line/paragraph separators, interlinear annotation
/// marks, stray tag characters — becomes a
/// visible escape such as `\e`, `\x07` or `\u{202E}`.
///
/// Because each scalar is escaped individually, whole ESC/CSI/OSC/DCS/APC/
/// PM/SOS sequences come out as inert visible text (`ESC [2J` → `\e[2J`)
/// with nothing left for the terminal to act on: no scalar below U+0020,
/// none in U+007F-U+009F, no bidi control.
///
/// Choices:
/// - Backslashes are *not* doubled, so `inert` is idempotent and can be
///   applied defensively at several layers; the price is that a literal
///   `\e` typed by a user looks like an escaped ESC.
/// - ZWJ (U+200D) and ZWNJ (U+200C) are kept when they follow another
///   scalar in the same grapheme: they build emoji sequences (👨‍👩‍👧) and
///   are required by Indic and Persian scripts. A grapheme-leading ZWJ is
///   escaped. Tag characters (U+E0020-E007F) are kept only inside a 🏴 flag
///   sequence, since elsewhere they carry invisible ASCII.
public enum Sanitizer {
    /// The display-safe form of `string` (see the type's documentation).
    public static func inert(_ string: String) -> String {
        guard needsWork(string) else { return string }
        return spans(string).map(\.text).joined()
    }

    /// One piece of sanitised output: original text or a visible escape.
    public struct Span: Hashable, Sendable {
        /// Display-safe text.
        public var text: String
        /// True when `text` is an escape standing for an unsafe scalar.
        public var isEscape: Bool

        /// Creates a span.
        public init(text: String, isEscape: Bool) {
            self.text = text
            self.isEscape = isEscape
        }
    }

    /// Sanitised output split into kept text and escapes, so callers can
    /// style escapes (``Element/escapedText``) differently.
    public static func spans(_ string: String) -> [Span] {
        var spans: [Span] = []
        for character in string {
            let scalars = Array(character.unicodeScalars)
            let isTagFlag = scalars.first?.value == 0x1F3F4
            for (position, scalar) in scalars.enumerated() {
                if let escape = escape(for: scalar, position: position, inTagFlag: isTagFlag) {
                    spans.append(Span(text: escape, isEscape: true))
                } else if let last = spans.last, !last.isEscape {
                    spans[spans.count - 1].text.unicodeScalars.append(scalar)
                } else {
                    spans.append(Span(text: String(scalar), isEscape: false))
                }
            }
        }
        return spans
    }

    /// True when the scalar must never reach a terminal regardless of context.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        // Every frame asks this of every scalar it draws: ASCII, and the span from
        // U+2070 to U+FEFE (CJK among it), hold none of the listed formats, so they
        // skip the two set lookups (SanitizerTests checks this against the sets).
        let v = scalar.value
        if v < 0xAD { return DisplayWidth.isControl(scalar) }
        if (0x2070..<0xFEFF).contains(v) { return false }
        return isListed(scalar)
    }

    /// The sets themselves, without the shortcut.
    static func isListed(_ scalar: Unicode.Scalar) -> Bool {
        DisplayWidth.isControl(scalar) || invisibleFormats.contains(scalar.value)
            || bidiControls.contains(scalar.value)
    }

    static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// Invisible scalars with no legitimate use in dashboard text.
    static let invisibleFormats: Set<UInt32> = [
        0x00AD, 0x180E, 0x200B, 0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
        0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB,
    ]

    private static func escape(for scalar: Unicode.Scalar, position: Int, inTagFlag: Bool) -> String? {
        let v = scalar.value
        switch v {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F: return "\\x" + hex(v, digits: 2)
        case 0x200C, 0x200D: return position == 0 ? unicodeEscape(v) : nil
        case 0xE0000...0xE007F: return inTagFlag && position > 0 ? nil : unicodeEscape(v)
        default: return isUnsafe(scalar) ? unicodeEscape(v) : nil
        }
    }

    /// Cheap scan so clean text (the common case) is returned untouched.
    private static func needsWork(_ string: String) -> Bool {
        string.unicodeScalars.contains { s in
            isUnsafe(s) || s.value == 0x200C || s.value == 0x200D || (0xE0000...0xE007F).contains(s.value)
        }
    }

    private static func unicodeEscape(_ v: UInt32) -> String {
        "\\u{" + hex(v, digits: 4) + "}"
    }

    private static func hex(_ v: UInt32, digits: Int) -> String {
        let text = String(v, radix: 16, uppercase: v > 0x7F)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
