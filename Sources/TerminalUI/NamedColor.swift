import Foundation

/// The sixteen ANSI colours, numbered as terminals number them (0-15).
public enum NamedColor: Int, CaseIterable, Hashable, Sendable {
    /// The eight base colours, 0-7.
    case black, red, green, yellow, blue, magenta, cyan, white
    /// The bright variants, 8-15 (`brightBlack` is the usual grey).
    case brightBlack, brightRed, brightGreen, brightYellow
    /// The bright variants, continued.
    case brightBlue, brightMagenta, brightCyan, brightWhite

    /// Terminal colour number (0-15).
    public var index: Int { rawValue }

    /// Theme-file spelling, e.g. `brightRed`.
    public var name: String { String(describing: self) }

    /// Looks a colour up by name; accepts `brightRed`, `bright-red`,
    /// `bright_red` and `grey`/`gray` for `brightBlack`, case-insensitively.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: "_", with: "")
        if key == "grey" || key == "gray" {
            self = .brightBlack
            return
        }
        guard let found = NamedColor.allCases.first(where: { $0.name.lowercased() == key }) else {
            return nil
        }
        self = found
    }

    /// The xterm default palette value, used only to pick nearest matches
    /// when downgrading; real terminals may be configured differently.
    public var approximateRGB: RGB {
        Self.xtermPalette[rawValue]
    }

    static let xtermPalette: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]
}

/// A 24-bit colour value.
public struct RGB: Hashable, Sendable {
    /// Red channel.
    public var r: UInt8
    /// Green channel.
    public var g: UInt8
    /// Blue channel.
    public var b: UInt8

    /// Creates a colour from its channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Perceptual distance ("redmean" weighting): cheap, and much closer to
    /// what people see than plain Euclidean RGB distance.
    public func distance(to other: RGB) -> Int {
        let rMean = (Int(r) + Int(other.r)) / 2
        let dr = Int(r) - Int(other.r), dg = Int(g) - Int(other.g), db = Int(b) - Int(other.b)
        // Parenthesised: Swift's >> binds tighter than *.
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }
}
