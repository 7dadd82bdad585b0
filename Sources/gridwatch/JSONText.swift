import DispatchCore

/// Minimal JSON writing for `events --json`: strings are escaped so the output stays
/// inert even when printed on a terminal (all controls, DEL, C1 and bidi as `\u` escapes).
enum JSONText {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func value(_ v: FieldValue) -> String {
        switch v {
        case .string(let s): quote(s)
        case .int(let n): String(n)
        case .strings(let a): "[" + a.map(quote).joined(separator: ",") + "]"
        }
    }

    /// An object from ordered key/value pairs.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
