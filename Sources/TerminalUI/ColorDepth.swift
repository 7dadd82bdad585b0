/// How many colours the output can show.
public enum ColorDepth: Int, CaseIterable, Comparable, Hashable, Sendable {
    /// No colour: only attributes (bold, reverse...) distinguish elements.
    case mono
    /// The sixteen ANSI colours (eight-colour terminals fold the bright half).
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour.
    case truecolor

    /// Orders by capability.
    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Picks a depth from the environment and terminfo's colour count.
    ///
    /// Pure so the policy is testable: `NO_COLOR` (any non-empty value, per
    /// no-color.org) wins; then `COLORTERM=truecolor|24bit`; then the
    /// terminfo count (256+ → 256, 8+ → 16, less → mono).
    public static func detect(env: [String: String], colorsFromTerminfo colors: Int) -> ColorDepth {
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return .mono }
        let colorterm = env["COLORTERM"]?.lowercased() ?? ""
        if colorterm == "truecolor" || colorterm == "24bit" { return .truecolor }
        if colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .ansi16 }
        return .mono
    }
}

extension Color {
    /// The closest colour the given depth can show.
    ///
    /// Palette colours are never upgraded, `.default` always survives, and
    /// `.mono` turns everything into `.default`.
    public func downgraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .truecolor):
            return self
        case (_, .mono):
            return .default
        case (.named, _):
            return self
        case (.index256(let i), .ansi16):
            return .named(Palette256.nearestNamed(toIndex: i))
        case (.index256, _):
            return self
        case (.rgb(let r, let g, let b), .palette256):
            return .index256(Palette256.nearestIndex(to: RGB(r, g, b)))
        case (.rgb(let r, let g, let b), .ansi16):
            return .named(Palette256.nearestNamed(to: RGB(r, g, b)))
        }
    }
}

/// The xterm 256-colour palette: 16 ANSI colours, a 6x6x6 cube, 24 greys.
public enum Palette256 {
    /// Channel values of the colour cube's six levels.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The xterm value of a palette entry.
    public static func rgb(of index: UInt8) -> RGB {
        let i = Int(index)
        if i < 16 { return NamedColor.xtermPalette[i] }
        if i >= 232 {
            let v = UInt8(8 + (i - 232) * 10)
            return RGB(v, v, v)
        }
        let c = i - 16
        return RGB(UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[c / 6 % 6]), UInt8(cubeLevels[c % 6]))
    }

    /// Nearest cube or grey-ramp entry (16-255); the ANSI 0-15 are skipped
    /// because users often redefine them.
    public static func nearestIndex(to color: RGB) -> UInt8 {
        let levels = [color.r, color.g, color.b].map(nearestCubeLevel)
        let cube = 16 + 36 * levels[0] + 6 * levels[1] + levels[2]
        let average = (Int(color.r) + Int(color.g) + Int(color.b)) / 3
        let greyStep = min(23, max(0, Int((Double(average - 8) / 10).rounded())))
        let grey = 232 + greyStep
        let cubeDistance = rgb(of: UInt8(cube)).distance(to: color)
        let greyDistance = rgb(of: UInt8(grey)).distance(to: color)
        return UInt8(greyDistance < cubeDistance ? grey : cube)
    }

    /// Nearest of the sixteen ANSI colours.
    public static func nearestNamed(to color: RGB) -> NamedColor {
        nearest(to: color, among: NamedColor.allCases)
    }

    /// Nearest of the eight base ANSI colours, for terminals with only 8.
    ///
    /// Quantise straight from RGB: going through the 16-colour result and
    /// folding bright colours onto their base (`n % 8`) turns a mid-grey
    /// selection bar into black and white text on it into white-on-white.
    /// Near-greys go to black or white by brightness: with only six hues
    /// to choose from, a distance metric would tint them (grey → cyan).
    public static func nearestBase8(to color: RGB) -> NamedColor {
        let channels = [Int(color.r), Int(color.g), Int(color.b)]
        if let high = channels.max(), let low = channels.min(), high - low < 32 {
            return channels.reduce(0, +) / 3 >= 64 ? .white : .black
        }
        return nearest(to: color, among: Array(NamedColor.allCases.prefix(8)))
    }

    private static func nearest(to color: RGB, among candidates: [NamedColor]) -> NamedColor {
        var best = NamedColor.black
        var bestDistance = Int.max
        for named in candidates {
            let d = named.approximateRGB.distance(to: color)
            if d < bestDistance {
                best = named
                bestDistance = d
            }
        }
        return best
    }

    /// ANSI colour for a palette index: itself below 16, else nearest by value.
    public static func nearestNamed(toIndex index: UInt8) -> NamedColor {
        if index < 16, let named = NamedColor(rawValue: Int(index)) { return named }
        return nearestNamed(to: rgb(of: index))
    }

    private static func nearestCubeLevel(_ channel: UInt8) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - Int(channel)) < abs(cubeLevels[best] - Int(channel)) {
            best = i
        }
        return best
    }
}
