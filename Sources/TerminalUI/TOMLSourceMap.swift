import Foundation

/// Finds the line on which a TOML key is defined, by scanning source text.
///
/// TOMLKit reports positions only for syntax errors, yet users need line
/// numbers for semantic errors too ("unknown element on line 12"). A light
/// scan that tracks `[table]` headers and `key =` lines is enough for the
/// shapes theme and config files use: inline tables, sub-tables and dotted keys.
public struct TOMLSourceMap {
    /// Full dotted key path of each definition, with its 1-based line.
    private var definitions: [(path: String, line: Int)] = []

    /// Maps the definitions in `source`.
    public init(source: String) {
        var table = ""
        // Splitting on Character.isNewline treats "\r\n" (one Character) as one break.
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                table = Self.headerPath(line)
                definitions.append((table, index + 1))
            } else if let equals = line.firstIndex(of: "=") {
                let key = Self.normalise(String(line[..<equals]))
                definitions.append((table.isEmpty ? key : table + "." + key, index + 1))
            }
        }
    }

    /// Line defining `path` exactly (e.g. `colors.alertRed`), if any.
    public func line(of path: String) -> Int? {
        definitions.first { $0.path == path }?.line
    }

    /// Line of the `n`th (from 1) definition of `path`: the header of the `n`th table of
    /// an array of tables such as `[[key]]`.
    public func line(of path: String, occurrence n: Int) -> Int? {
        let all = definitions.filter { $0.path == path }
        return n >= 1 && n <= all.count ? all[n - 1].line : nil
    }

    /// Line defining `path` or, failing that, its closest defined ancestor.
    public func lineOrAncestor(of path: String) -> Int? {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            if let line = line(of: parts.joined(separator: ".")) { return line }
            parts.removeLast()
        }
        return nil
    }

    /// `[ colors . "x" ]` or `[[x]]` → `colors.x` / `x`.
    private static func headerPath(_ line: String) -> String {
        let inner = line.drop { $0 == "[" }
        let name = inner.prefix { $0 != "]" }
        return normalise(String(name))
    }

    /// Removes quotes and spaces around dots: `"a" . b` → `a.b`.
    private static func normalise(_ key: String) -> String {
        key.split(separator: ".").map { part in
            part.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.joined(separator: ".")
    }
}
