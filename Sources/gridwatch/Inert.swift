/// Makes untrusted text safe to print on a terminal: every control character, escape
/// sequence introducer, bidi control and invisible format character becomes a visible
/// escape such as `\e` or `\u{202E}`.
enum Inert {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x1B: out += "\\e"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00...0x1F, 0x7F...0x9F: out += "\\x" + hex(u.value, 2)
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C:
                out += "\\u{" + hex(u.value, 4) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}
