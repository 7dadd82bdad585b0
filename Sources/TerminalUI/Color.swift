import Foundation

/// A concrete terminal colour.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own default foreground or background.
    case `default`
    /// One of the sixteen ANSI colours.
    case named(NamedColor)
    /// An entry of the xterm 256-colour palette.
    case index256(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// Parses theme-file notation: `default`, `#rrggbb`, `#rgb`, an ANSI
    /// name (`red`, `brightRed`, `bright-red`), or a palette index `0`-`255`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "default" {
            self = .default
        } else if trimmed.hasPrefix("#") {
            guard let rgb = Self.parseHex(trimmed.dropFirst()) else { return nil }
            self = .rgb(rgb.r, rgb.g, rgb.b)
        } else if let index = Int(trimmed) {
            guard (0...255).contains(index) else { return nil }
            self = .index256(UInt8(index))
        } else if let named = NamedColor(name: trimmed) {
            self = .named(named)
        } else {
            return nil
        }
    }

    /// Theme-file notation (round-trips through ``init(parsing:)``).
    public var description: String {
        switch self {
        case .default: return "default"
        case .named(let n): return n.name
        case .index256(let i): return String(i)
        case .rgb(let r, let g, let b): return "#" + [r, g, b].map(Self.hexByte).joined()
        }
    }

    /// Approximate 24-bit value (xterm defaults for palette colours); nil for `.default`.
    public var approximateRGB: RGB? {
        switch self {
        case .default: return nil
        case .named(let n): return n.approximateRGB
        case .index256(let i): return Palette256.rgb(of: i)
        case .rgb(let r, let g, let b): return RGB(r, g, b)
        }
    }

    private static func hexByte(_ v: UInt8) -> String {
        let s = String(v, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    private static func parseHex(_ digits: Substring) -> RGB? {
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        let values = digits.compactMap { $0.hexDigitValue }.map(UInt8.init)
        switch values.count {
        case 3: return RGB(values[0] * 17, values[1] * 17, values[2] * 17)
        case 6: return RGB(values[0] << 4 | values[1], values[2] << 4 | values[3], values[4] << 4 | values[5])
        default: return nil
        }
    }
}
