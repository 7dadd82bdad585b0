/// A scalar value of a flat JSON object.
public enum JSONScalar: Hashable, Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}

/// A strict parser for one flat JSON object per line: the intake format.
///
/// Nested objects and arrays are refused at their first byte rather than parsed, so
/// hostile nesting costs nothing; strings must be valid UTF-8 and valid JSON.
public struct FlatJSON {
    private let b: [UInt8]
    private var i = 0

    /// The longest line accepted, in bytes.
    public static let maxLineBytes = 64 * 1024

    /// Parses one line into its fields, in order. Throws a message naming the problem.
    public static func parseObject(_ bytes: [UInt8]) throws(DomainError) -> [(String, JSONScalar)] {
        guard bytes.count <= maxLineBytes else {
            throw .invalidIntake("line is too long (\(bytes.count) bytes; limit \(maxLineBytes))")
        }
        var p = FlatJSON(b: bytes)
        return try p.object()
    }

    private init(b: [UInt8]) { self.b = b }

    private mutating func object() throws(DomainError) -> [(String, JSONScalar)] {
        skipSpace()
        guard i < b.count else { throw .invalidIntake("empty line") }
        guard b[i] == UInt8(ascii: "{") else { throw .invalidIntake("not a JSON object") }
        i += 1
        var out: [(String, JSONScalar)] = []
        var seen = Set<String>()
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1 } else {
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw .invalidIntake("expected a field name at byte \(i + 1)") }
                let key = try string()
                guard seen.insert(key).inserted else { throw .invalidIntake("field '\(key.prefix(40))' appears twice") }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw .invalidIntake("expected ':' at byte \(i + 1)") }
                i += 1
                skipSpace()
                out.append((key, try value(for: key)))
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; break }
                throw .invalidIntake("expected ',' or '}' at byte \(i + 1)")
            }
        }
        skipSpace()
        guard i == b.count else { throw .invalidIntake("unexpected text after the object at byte \(i + 1)") }
        return out
    }

    private var peek: UInt8? { i < b.count ? b[i] : nil }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    private mutating func value(for key: String) throws(DomainError) -> JSONScalar {
        guard let c = peek else { throw .invalidIntake("missing value for '\(key)'") }
        switch c {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw .invalidIntake("field '\(key)' must be a plain value, not an object or array")
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw .invalidIntake("invalid value for '\(key)' at byte \(i + 1)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(DomainError) {
        let w = word.withUTF8Buffer { Array($0) }
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else {
            throw .invalidIntake("invalid literal at byte \(i + 1)")
        }
        i += w.count
    }

    private mutating func number() throws(DomainError) -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while let c = peek, (48...57).contains(c) { i += 1; digits += 1 }
        guard digits > 0 else { throw .invalidIntake("invalid number at byte \(start + 1)") }
        if peek == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while let c = peek, (48...57).contains(c) { i += 1; frac += 1 }
            guard frac > 0 else { throw .invalidIntake("invalid number at byte \(start + 1)") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            var exp = 0
            while let c = peek, (48...57).contains(c) { i += 1; exp += 1 }
            guard exp > 0 else { throw .invalidIntake("invalid number at byte \(start + 1)") }
        }
        guard i - start <= 40 else { throw .invalidIntake("number too long at byte \(start + 1)") }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(DomainError) -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        var plainFrom = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: b[plainFrom..<i])
                i += 1
                guard let s = UTF8Text.decode(out) else {
                    throw .invalidIntake("string at byte \(start + 1) is not valid UTF-8")
                }
                return s
            }
            if c < 0x20 { throw .invalidIntake("control character in string at byte \(i + 1)") }
            if c == UInt8(ascii: "\\") {
                out.append(contentsOf: b[plainFrom..<i])
                try escape(into: &out)
                plainFrom = i
                continue
            }
            i += 1
        }
        throw .invalidIntake("unterminated string at byte \(start + 1)")
    }

    private mutating func escape(into out: inout [UInt8]) throws(DomainError) {
        let at = i
        i += 1
        guard let c = peek else { throw .invalidIntake("bad escape at byte \(at + 1)") }
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: at)
            if (0xD800...0xDBFF).contains(scalar) {
                guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                    throw .invalidIntake("unpaired surrogate at byte \(at + 1)")
                }
                i += 2
                let low = try hex4(at: at)
                guard (0xDC00...0xDFFF).contains(low) else { throw .invalidIntake("unpaired surrogate at byte \(at + 1)") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw .invalidIntake("unpaired surrogate at byte \(at + 1)")
            }
            guard let u = Unicode.Scalar(scalar) else { throw .invalidIntake("bad escape at byte \(at + 1)") }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw .invalidIntake("bad escape at byte \(at + 1)")
        }
    }

    private mutating func hex4(at: Int) throws(DomainError) -> UInt32 {
        guard i + 4 <= b.count else { throw .invalidIntake("bad \\u escape at byte \(at + 1)") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw .invalidIntake("bad \\u escape at byte \(at + 1)")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
