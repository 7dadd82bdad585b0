/// Character attributes that terminals render independently of colour.
///
/// Monochrome themes rely on these alone, so every semantic distinction
/// that matters must survive with colour switched off.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// Raw bit set.
    public let rawValue: UInt8
    /// Creates a set from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold / bright.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Underlined.
    public static let underline = TextAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    /// Half-bright.
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// Attribute names as written in theme files, in a fixed order.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
    ]
}
