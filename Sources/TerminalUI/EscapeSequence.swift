/// Decodes the bytes a terminal sends after ESC into a ``Key``.
///
/// ncurses' keypad mode already decodes sequences listed in terminfo; this
/// covers the rest (xterm modifiers like `ESC [1;5C`, rxvt variants, Alt+key, and
/// mouse reports, which the console takes from curses)
/// and is pure so it can be tested without a terminal.
public enum EscapeSequence {
    /// Result of looking at the scalars that followed an ESC.
    public enum Decoded: Hashable, Sendable {
        /// A complete key, with the number of scalars it consumed.
        case key(Key, consumed: Int)
        /// A prefix of a longer sequence: read more input if some is ready.
        case incomplete
    }

    /// Decodes `tail` (the scalars after ESC, possibly more than one key's
    /// worth). An empty tail means a lone Escape.
    /// - Parameter inputEnded: no more input is waiting, so a prefix will
    ///   never complete: `ESC [` alone is Alt-[, longer prefixes are unknown.
    public static func decode(_ tail: [Unicode.Scalar], inputEnded: Bool = false) -> Decoded {
        let result = decodeAvailable(tail)
        guard inputEnded, result == .incomplete else { return result }
        if tail.count == 1, let only = tail.first { return .key(.alt(Character(only)), consumed: 1) }
        let text = tail.map { $0.escaped(asASCII: true) }.joined(separator: " ")
        return .key(.unknown("ESC " + text), consumed: tail.count)
    }

    private static func decodeAvailable(_ tail: [Unicode.Scalar]) -> Decoded {
        guard let first = tail.first else { return .key(.escape, consumed: 0) }
        switch first {
        case "[": return decodeCSI(tail)
        case "O": return decodeSS3(tail)
        case "\u{1B}": return .key(.escape, consumed: 0)
        default:
            let inner = Key(scalar: first)
            if case .char(let c) = inner { return .key(.alt(c), consumed: 1) }
            return .key(.escape, consumed: 0)
        }
    }

    /// `ESC O x`: application-mode cursor keys and F1-F4.
    private static func decodeSS3(_ tail: [Unicode.Scalar]) -> Decoded {
        guard tail.count >= 2 else { return .incomplete }
        let keys: [Unicode.Scalar: Key] = [
            "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end,
            "M": .enter, "P": .f(1), "Q": .f(2), "R": .f(3), "S": .f(4),
        ]
        return .key(keys[tail[1]] ?? .unknown("ESC O \(tail[1].escaped(asASCII: true))"), consumed: 2)
    }

    /// `ESC [ params final`: parameters are digits and `;`; modifiers are ignored.
    private static func decodeCSI(_ tail: [Unicode.Scalar]) -> Decoded {
        if tail.count >= 2, tail[1] == "M" { return decodeX10Mouse(tail) }
        var index = 1
        while index < tail.count, (0x20...0x3F).contains(tail[index].value) { index += 1 }
        guard index < tail.count else { return .incomplete }
        let final = tail[index]
        let params = String(String.UnicodeScalarView(tail[1..<index]))
        if params.hasPrefix("<"), final == "M" || final == "m" {
            return .key(sgrMouse(params.dropFirst(), released: final == "m"), consumed: index + 1)
        }
        let key = csiKey(final: final, params: params)
            ?? .unknown("ESC [ \(params) \(final.escaped(asASCII: true))")
        return .key(key, consumed: index + 1)
    }

    /// `ESC [ M b x y`, a mouse report in xterm's X10 form (each byte 32 plus the button
    /// code, the column and the row from 1), from a terminal without the SGR form.
    /// Decoded whole, so its three bytes are never read as typed keys.
    private static func decodeX10Mouse(_ tail: [Unicode.Scalar]) -> Decoded {
        guard tail.count >= 5 else { return .incomplete }
        let values = tail[2...4].map { Int($0.value) - 32 }
        return .key(mouse(button: values[0], x: values[1] - 1, y: values[2] - 1, released: false), consumed: 5)
    }

    /// `ESC [ < b ; x ; y M` (or `m` on release): the SGR form of the same report.
    private static func sgrMouse(_ params: Substring, released: Bool) -> Key {
        let numbers = params.split(separator: ";").map { Int($0) }
        guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2] else { return .unknown("mouse") }
        return mouse(button: b, x: x - 1, y: y - 1, released: released)
    }

    /// A left press and the wheel become events; a release, a drag or another button
    /// is nothing to act on.
    private static func mouse(button b: Int, x: Int, y: Int, released: Bool) -> Key {
        guard x >= 0, y >= 0, !released else { return .unknown("mouse") }
        switch b {
        case 0: return .mouse(MouseEvent(.press, x: x, y: y))
        case 64: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
        case 65: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
        default: return .unknown("mouse")
        }
    }

    private static func csiKey(final: Unicode.Scalar, params: String) -> Key? {
        let letters: [Unicode.Scalar: Key] = [
            "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
            "P": .f(1), "Q": .f(2), "R": .f(3), "S": .f(4),
        ]
        if let key = letters[final] { return key }
        guard final == "~" else { return nil }
        let number = Int(params.split(separator: ";").first ?? "") ?? 0
        let tilde: [Int: Key] = [
            1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
            11: .f(1), 12: .f(2), 13: .f(3), 14: .f(4), 15: .f(5), 17: .f(6), 18: .f(7),
            19: .f(8), 20: .f(9), 21: .f(10), 23: .f(11), 24: .f(12),
        ]
        return tilde[number]
    }
}
