/// A light check of TOML text before it reaches TOMLKit.
///
/// TOMLKit bundles toml++ built with its assertions on in debug builds, and some
/// malformed keys (found by fuzzing: `[ = "x"`, a table header starting with a control
/// character) trip an `assert` that aborts the process instead of returning a parse
/// error. This scan refuses those shapes first, so a bad theme or config file gives a
/// clear error: control characters, a carriage return outside CRLF, and every place
/// a key must start (line starts, table headers, inline tables, after a dot) holding
/// something that cannot start a key.
public enum TOMLPrecheck {
    /// The first problem as (1-based line, message), or nil when the text may be parsed.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        var scanner = Scanner(chars: Array(text.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let chars: [Unicode.Scalar]
        var i = 0
        var line = 1

        var current: Unicode.Scalar? { i < chars.count ? chars[i] : nil }

        static func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-" || c == "\"" || c == "'"
        }

        mutating func run() -> (Int, String)? {
            if let bad = firstControl() { return (lineOf(bad), "control character in the file") }
            // TOML allows a carriage return only as part of CRLF; toml++ asserts on a lone one.
            if let cr = chars.indices.first(where: { chars[$0] == "\r" && ($0 + 1 == chars.count || chars[$0 + 1] != "\n") }) {
                return (lineOf(cr), "carriage return without a line feed")
            }
            while i < chars.count {
                skipBlank()
                guard let c = current else { break }
                if c == "\n" { line += 1; i += 1; continue }
                if c == "#" { skipToEndOfLine(); continue }
                if c == "[" {
                    i += 1
                    if current == "[" { i += 1 }
                    if let e = key(context: "table header") { return e }
                    skipToEndOfLine()
                    continue
                }
                if let e = key(context: "key") { return e }
                if let e = value() { return e }
            }
            return nil
        }

        func firstControl() -> Int? {
            chars.firstIndex { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }
        }

        func lineOf(_ index: Int) -> Int { chars[..<min(index, chars.count)].filter { $0 == "\n" }.count + 1 }

        mutating func skipBlank() { while let c = current, c == " " || c == "\t" || c == "\r" { i += 1 } }

        mutating func skipToEndOfLine() { while let c = current, c != "\n" { i += 1 } }

        /// A (possibly dotted) key must start here.
        mutating func key(context: String) -> (Int, String)? {
            while true {
                skipBlank()
                guard let c = current, Self.isKeyStart(c) else {
                    return (line, "invalid \(context): a key must start with a letter, digit, '_', '-' or a quote")
                }
                if c == "\"" || c == "'" { skipString() } else {
                    while let k = current, Self.isKeyStart(k), k != "\"", k != "'" { i += 1 }
                }
                skipBlank()
                guard current == "." else { return nil }
                i += 1
            }
        }

        enum Expect { case nothing, value, key }

        /// Checks `= value` to the end of the logical line: every place a value must start
        /// holds one (toml++ asserts on `[}` and `= ,`), and inline-table keys are keys.
        mutating func value() -> (Int, String)? {
            skipBlank()
            guard current == "=" else { return (line, "expected '=' after a key") }
            i += 1
            var stack: [Unicode.Scalar] = []
            var expect = Expect.value
            while true {
                if expect == .value, let e = valueStart(inArray: stack.last == "[") {
                    return e
                }
                if expect == .value, stack.last == "[", current == "]" { stack.removeLast(); i += 1; expect = .nothing; continue }
                if expect == .key {
                    skipBlank()
                    if current == "}" { expect = .nothing; continue }
                    if let e = key(context: "key in an inline table") { return e }
                    skipBlank()
                    guard current == "=" else { return (line, "expected '=' in an inline table") }
                    i += 1
                    expect = .value
                    continue
                }
                expect = .nothing
                guard let c = current else { return nil }
                switch c {
                case "\"", "'": skipString(); continue
                case "#":
                    skipToEndOfLine()
                    if stack.isEmpty { return nil }
                    continue
                case "\n":
                    if stack.isEmpty { return nil }
                    line += 1
                case "[": stack.append("["); expect = .value
                case "{": stack.append("{"); expect = .key
                case "}", "]": if !stack.isEmpty { stack.removeLast() }
                case ",": expect = stack.last == "{" ? .key : .value
                default: break
                }
                i += 1
            }
        }

        /// At a place a value must start: refuses a terminator (or the end) where the value
        /// should be. Inside arrays, blank lines and comments may come first, and `]` closes.
        mutating func valueStart(inArray: Bool) -> (Int, String)? {
            while let c = current {
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if inArray, c == "\n" { line += 1; i += 1; continue }
                if inArray, c == "#" { skipToEndOfLine(); continue }
                break
            }
            guard let c = current else { return (line, "missing value at the end of the file") }
            if inArray, c == "]" { return nil }
            if c == "\n" || c == "," || c == "}" || c == "]" || c == "#" || c == "=" { return (line, "missing value") }
            return nil
        }

        /// Skips a basic, literal or multi-line string starting at the quote.
        mutating func skipString() {
            guard let q = current else { return }
            let triple = i + 2 < chars.count && chars[i + 1] == q && chars[i + 2] == q
            i += triple ? 3 : 1
            while let c = current {
                if c == "\n" { line += 1; if !triple { return } }
                if c == "\\", q == "\"" { i += 2; continue }
                if c == q {
                    if !triple { i += 1; return }
                    if i + 2 < chars.count, chars[i + 1] == q, chars[i + 2] == q { i += 3; return }
                }
                i += 1
            }
        }
    }
}
