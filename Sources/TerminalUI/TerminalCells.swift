import CShim

/// Turns a buffer cell's grapheme into what a `wcwidth`-based terminal
/// library (ncurses) can place without columns drifting.
///
/// ncurses measures a cell by the `wcwidth` of its first (spacing) scalar
/// and accepts at most four non-spacing scalars after it. Emoji sequences
/// that ``DisplayWidth`` counts as two columns do not always agree with
/// that, so when the two disagree a narrower, unambiguous rendering is
/// sent instead: alignment is worth more than pictographic fidelity on a
/// dispatch screen.
public enum TerminalCells {
    /// Most scalars one curses cell can carry (ncurses' CCHARW_MAX).
    public static let maxScalarsPerCell = 5

    /// One curses cell's worth of output: a spacing scalar plus any
    /// non-spacing scalars, and the columns `wcwidth` says it takes.
    public struct Group: Hashable, Sendable {
        /// Scalars to place; the first is the spacing one.
        public var scalars: [Unicode.Scalar]
        /// Columns the group occupies according to `wcwidth` (1 or 2).
        public var width: Int

        /// Creates a group.
        public init(scalars: [Unicode.Scalar], width: Int) {
            self.scalars = scalars
            self.width = width
        }
    }

    /// The groups to place from the cell's column rightwards; their widths
    /// add up to exactly `width` columns.
    ///
    /// - Same width per `wcwidth`: one group, the first scalar plus the
    ///   non-spacing scalars that follow it (a ZWJ sequence keeps only its
    ///   first emoji: 👨‍👩‍👧 → 👨).
    /// - Flag (regional-indicator pair) that `wcwidth` thinks is narrow:
    ///   the two country-code letters, `🇨🇳` → `C`, `N`.
    /// - Other double-width graphemes `wcwidth` thinks narrow (❤️ with
    ///   VS16): the base character without VS16, then a space.
    /// - Scalars `wcwidth` cannot measure: U+FFFD, padded with spaces.
    public static func groups(for grapheme: String, width: Int) -> [Group] {
        let scalars = Array(grapheme.unicodeScalars)
        guard width > 0 else { return [] }
        guard let first = scalars.first, first != " " else { return blanks(width) }
        let terminalWidth = Int(gw_wcwidth(first.value))
        if terminalWidth == width {
            return [Group(scalars: attached(to: first, in: scalars, keepingEmojiSelector: true), width: width)]
        }
        if terminalWidth == 1 && width == 2 {
            if scalars.count == 2, scalars.allSatisfy(DisplayWidth.isRegionalIndicator) {
                return scalars.map { Group(scalars: [regionalIndicatorLetter($0)], width: 1) }
            }
            return [Group(scalars: attached(to: first, in: scalars, keepingEmojiSelector: false), width: 1)]
                + blanks(1)
        }
        return [Group(scalars: ["\u{FFFD}"], width: 1)] + blanks(width - 1)
    }

    /// `first` plus the zero-width scalars directly after it, stopping at
    /// the first spacing scalar or joiner (a dangling ZWJ can make a
    /// terminal merge the cell with its neighbour).
    private static func attached(to first: Unicode.Scalar, in scalars: [Unicode.Scalar],
                                 keepingEmojiSelector: Bool) -> [Unicode.Scalar] {
        var group = [first]
        for scalar in scalars.dropFirst() {
            guard group.count < maxScalarsPerCell, gw_wcwidth(scalar.value) == 0,
                  scalar != DisplayWidth.zeroWidthJoiner else { break }
            if scalar == DisplayWidth.emojiSelector && !keepingEmojiSelector { continue }
            group.append(scalar)
        }
        return group
    }

    private static func regionalIndicatorLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(scalar.value - 0x1F1E6 + 0x41) ?? "?"
    }

    private static func blanks(_ count: Int) -> [Group] {
        Array(repeating: Group(scalars: [" "], width: 1), count: max(0, count))
    }
}
