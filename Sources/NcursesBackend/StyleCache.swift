import CNcursesw
import TerminalUI

/// Resolves cell styles to curses attributes and colour pairs, allocating
/// pairs lazily: a theme uses a few dozen combinations out of thousands.
struct StyleCache {
    /// Whether `use_default_colors` succeeded, making -1 a valid colour.
    var useDefaultColors = false

    private var theme: Theme
    private let depth: ColorDepth
    private var resolved: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        let fg: Int32
        let bg: Int32
    }

    init(theme: Theme, depth: ColorDepth) {
        self.theme = theme.effective(for: depth)
        self.depth = depth
    }

    /// Drops everything derived from the old theme. Pair numbers are
    /// reused from 1, redefining them in place.
    mutating func reset(theme: Theme) {
        self.theme = theme.effective(for: depth)
        resolved = [:]
        pairs = [:]
        nextPair = 1
    }

    /// Attributes and colour pair for a style.
    mutating func lookup(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        if let hit = resolved[style] { return hit }
        let eightColours = gw_colors() < 16 && depth > .mono
        // Eight-colour terminals quantise from full RGB (see Palette256.nearestBase8)
        // and cannot keep every element apart by colour: add the monochrome
        // theme's attributes so selection and alerts stay distinguishable.
        var result = theme.resolve(style, depth: eightColours ? .truecolor : depth)
        if eightColours { result.attributes.formUnion(Theme.monochrome[style.fg].attributes) }
        let entry = (Self.attributes(result.attributes), pair(fg: result.fg, bg: result.bg))
        resolved[style] = entry
        return entry
    }

    private static func attributes(_ set: TextAttributes) -> attr_t {
        var bits = gw_a_normal()
        if set.contains(.bold) { bits |= gw_a_bold() }
        if set.contains(.underline) { bits |= gw_a_underline() }
        if set.contains(.reverse) { bits |= gw_a_reverse() }
        if set.contains(.dim) { bits |= gw_a_dim() }
        return bits
    }

    /// Pair 0 (terminal defaults) when colour is off or pairs run out.
    private mutating func pair(fg: Color, bg: Color) -> Int32 {
        guard depth > .mono, has_colors() else { return 0 }
        var key = PairKey(fg: number(fg, isForeground: true), bg: number(bg, isForeground: false))
        if key.fg == key.bg && key.fg >= 0 {
            // Quantisation merged two different colours: keep the text readable.
            key = PairKey(fg: key.bg == 0 ? 7 : 0, bg: key.bg)
        }
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let known = pairs[key] { return known }
        guard nextPair < gw_color_pairs(), init_extended_pair(nextPair, key.fg, key.bg) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// Curses colour number for an already-downgraded colour.
    private func number(_ color: Color, isForeground: Bool) -> Int32 {
        let colors = Int(gw_colors())
        switch color {
        case .default:
            // Without use_default_colors, -1 is invalid: assume light on dark.
            return useDefaultColors ? -1 : (isForeground ? 7 : 0)
        case .named(let named):
            // In direct-colour mode only 0-7 are palette entries; the rest are RGB values.
            if named.index < 8 || (colors >= 16 && colors < 1 << 24) { return Int32(named.index) }
            return direct(named.approximateRGB, colors: colors)
        case .index256(let index):
            if Int(index) < colors && colors <= 256 { return Int32(index) }
            return direct(Palette256.rgb(of: index), colors: colors)
        case .rgb(let r, let g, let b):
            return direct(RGB(r, g, b), colors: colors)
        }
    }

    /// Direct-colour terminals (COLORS = 2^24) take the packed RGB value,
    /// except that values below 8 mean the ANSI colours: nudge those.
    private func direct(_ rgb: RGB, colors: Int) -> Int32 {
        guard colors >= 1 << 24 else {
            let named = colors >= 16 ? Palette256.nearestNamed(to: rgb) : Palette256.nearestBase8(to: rgb)
            return Int32(named.index)
        }
        let packed = Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
        return packed < 8 ? 8 : packed
    }
}
