import Foundation
import TOMLKit

/// Theme file format (TOML):
///
/// ```toml
/// name = "default"
/// description = "Dark theme for control-room screens"
///
/// [colors]
/// text     = { fg = "#d0d0d0", bg = "#1c1c1c" }
/// alertRed = { fg = "#ffffff", bg = "#c00000", bold = true }
/// muted    = "#808080"      # shorthand: foreground only, default background
/// stale    = 244            # palette index shorthand
/// ```
///
/// Colours: `default`, `#rrggbb`, `#rgb`, an ANSI name (`red`,
/// `brightRed`), or a palette index 0-255 (TOML integer or string).
/// Entry keys: `fg`, `bg`, `bold`, `underline`, `reverse`, `dim`.
/// Unknown elements, unknown keys and bad colours are errors, never ignored:
/// a typo in a theme would otherwise silently hide an alert colour.
extension Theme {
    /// Reads and parses a theme file.
    public static func load(contentsOf path: String) throws(TerminalUIError) -> Theme {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .themeUnreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(source, file: path)
    }

    /// Parses theme TOML; `file` is only used to label errors.
    public static func parse(_ source: String, file: String) throws(TerminalUIError) -> Theme {
        if let p = TOMLPrecheck.problem(in: source) {
            throw .themeSyntax(file: file, line: p.line, column: 1, message: p.message)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw .themeSyntax(file: file, line: error.source.begin.line,
                               column: error.source.begin.column, message: error.description)
        } catch {
            throw .themeSyntax(file: file, line: 1, column: 1, message: String(describing: error))
        }
        let parser = ThemeDocumentParser(file: file, map: TOMLSourceMap(source: source))
        return try parser.theme(from: root)
    }
}

/// Walks a parsed TOML document, turning it into a ``Theme``.
private struct ThemeDocumentParser {
    let file: String
    let map: TOMLSourceMap

    func theme(from root: TOMLTable) throws(TerminalUIError) -> Theme {
        var name = (file as NSString).lastPathComponent
        var colors: TOMLTable?
        for key in ordered(root.keys, prefix: "") {
            let value = root[key]
            switch key {
            case "name":
                guard let text = value?.string else { throw invalid(key, "'name' must be a string") }
                name = text
            case "description":
                guard value?.string != nil else { throw invalid(key, "'description' must be a string") }
            case "colors":
                guard let table = value?.table else { throw invalid(key, "'colors' must be a table") }
                colors = table
            default:
                throw invalid(key, "unknown top-level key '\(key)' (expected name, description, [colors])")
            }
        }
        guard let colors else {
            throw TerminalUIError.invalidTheme(file: file, line: nil, reason: "missing [colors] table")
        }
        return Theme(name: name, entries: try entries(from: colors))
    }

    private func entries(from colors: TOMLTable) throws(TerminalUIError) -> [Element: ThemeEntry] {
        var entries: [Element: ThemeEntry] = [:]
        for key in ordered(colors.keys, prefix: "colors.") {
            guard let element = Element(rawValue: key) else {
                throw .unknownElement(file: file, line: map.lineOrAncestor(of: "colors." + key), element: key)
            }
            guard let value = colors[key] else { continue }
            entries[element] = try entry(for: key, value)
        }
        return entries
    }

    private func entry(for element: String, _ value: TOMLValueConvertible) throws(TerminalUIError) -> ThemeEntry {
        if value.table == nil {
            return ThemeEntry(fg: try color(value, element: element, field: nil))
        }
        guard let table = value.table else { return ThemeEntry() }
        var entry = ThemeEntry()
        for key in ordered(table.keys, prefix: "colors.\(element).") {
            guard let field = table[key] else { continue }
            switch key {
            case "fg": entry.fg = try color(field, element: element, field: key)
            case "bg": entry.bg = try color(field, element: element, field: key)
            default: entry.attributes.formUnion(try attribute(key, field, element: element))
            }
        }
        return entry
    }

    private func attribute(_ key: String, _ value: TOMLValueConvertible,
                           element: String) throws(TerminalUIError) -> TextAttributes {
        guard let attribute = TextAttributes.named.first(where: { $0.name == key })?.attribute else {
            throw .badThemeEntry(file: file, line: line(element, key), element: element,
                                 reason: "unknown key '\(key)' (expected fg, bg, bold, underline, reverse, dim)")
        }
        guard let enabled = value.bool else {
            throw .badThemeEntry(file: file, line: line(element, key), element: element,
                                 reason: "'\(key)' must be true or false")
        }
        return enabled ? attribute : []
    }

    private func color(_ value: TOMLValueConvertible, element: String,
                       field: String?) throws(TerminalUIError) -> Color {
        let line = field.map { self.line(element, $0) } ?? map.lineOrAncestor(of: "colors." + element)
        if let index = value.int {
            guard (0...255).contains(index) else {
                throw .badColor(file: file, line: line, element: element, value: String(index))
            }
            return .index256(UInt8(index))
        }
        guard let text = value.string else {
            throw .badColor(file: file, line: line, element: element, value: value.debugDescription)
        }
        guard let color = Color(parsing: text) else {
            throw .badColor(file: file, line: line, element: element, value: text)
        }
        return color
    }

    private func line(_ element: String, _ key: String) -> Int? {
        map.lineOrAncestor(of: "colors.\(element).\(key)")
    }

    private func invalid(_ key: String, _ reason: String) -> TerminalUIError {
        .invalidTheme(file: file, line: map.lineOrAncestor(of: key), reason: reason)
    }

    /// Keys in source order, so the first problem reported is the first in
    /// the file (TOMLKit hands keys back sorted alphabetically).
    private func ordered(_ keys: [String], prefix: String) -> [String] {
        keys.sorted { a, b in
            let la = map.lineOrAncestor(of: prefix + a) ?? Int.max
            let lb = map.lineOrAncestor(of: prefix + b) ?? Int.max
            return la != lb ? la < lb : a < b
        }
    }
}
