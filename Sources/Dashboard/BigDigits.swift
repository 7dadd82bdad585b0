/// Numbers drawn large for the wall, to be read across a hall: three rows of half
/// blocks, or five rows of full blocks on a big screen. Digits only; a thousands
/// separator is a gap.
public enum BigDigits {
    /// Three rows high, three columns a digit.
    public static let small: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"], "3": ["▀▀█", " ▀█", "▀▀▀"],
        "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"], "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"],
        "8": ["█▀█", "█▀█", "▀▀▀"], "9": ["█▀█", "▀▀█", "▀▀▀"],
    ]
    /// Five rows high, three columns a digit.
    public static let large: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"], "1": ["██ ", " █ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"], "3": ["███", "  █", "███", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"], "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"], "7": ["███", "  █", "  █", "  █", "  █"],
        "8": ["███", "█ █", "███", "█ █", "███"], "9": ["███", "█ █", "███", "  █", "███"],
    ]

    /// The rows of `n` in `font`: digits a column apart, thousands groups two apart.
    public static func rows(_ n: Int, font: [Character: [String]]) -> [String] {
        let digits = Array(String(max(0, n)))
        let height = font["0"]?.count ?? 0
        return (0..<height).map { row in
            var line = ""
            for (i, d) in digits.enumerated() {
                if i > 0 { line += (digits.count - i) % 3 == 0 ? "  " : " " }
                line += font[d]?[row] ?? "   "
            }
            return line
        }
    }

    /// Reads a number back from rows drawn by `rows` (for tests and checks): nil when
    /// the rows hold anything but the font's digits.
    public static func decode(_ lines: [String], font: [Character: [String]]) -> Int? {
        guard let height = font["0"]?.count, lines.count == height else { return nil }
        let cells = lines.map { Array($0) }
        let width = cells.map(\.count).max() ?? 0
        let padded = cells.map { $0 + Array(repeating: " ", count: width - $0.count) }
        var x = 0, digits = ""
        while x < width {
            if (0..<height).allSatisfy({ padded[$0][x] == " " }) { x += 1; continue }
            guard x + 3 <= width else { return nil }
            let glyph = (0..<height).map { String(padded[$0][x..<(x + 3)]) }
            guard let d = font.first(where: { $0.value == glyph })?.key else { return nil }
            digits.append(d)
            x += 3
        }
        return Int(digits)
    }
}
