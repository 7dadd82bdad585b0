/// Every error the terminal layer reports.
///
/// Theme errors carry the file name, the 1-based line (when it could be
/// located) and the offending element so a user can fix the file directly.
public enum TerminalUIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The theme file could not be read.
    case themeUnreadable(file: String, reason: String)
    /// The file is not valid TOML.
    case themeSyntax(file: String, line: Int, column: Int, message: String)
    /// A key under `[colors]` names no known ``Element``.
    case unknownElement(file: String, line: Int?, element: String)
    /// A colour value could not be parsed.
    case badColor(file: String, line: Int?, element: String, value: String)
    /// An element's entry has the wrong shape (unknown key, wrong type).
    case badThemeEntry(file: String, line: Int?, element: String, reason: String)
    /// The document is valid TOML but not a theme (missing/odd sections).
    case invalidTheme(file: String, line: Int?, reason: String)
    /// No controlling terminal could be opened.
    case noTerminal(reason: String)
    /// The terminal library refused to start.
    case terminalSetupFailed(reason: String)
    /// A theme named (not a path) that is not built in.
    case unknownTheme(name: String, builtIn: [String])

    /// `file:line: message`, the shape editors and humans both understand.
    public var description: String {
        switch self {
        case let .themeUnreadable(file, reason):
            return "\(file): cannot read theme: \(reason)"
        case let .themeSyntax(file, line, column, message):
            return "\(file):\(line):\(column): TOML syntax error: \(message)"
        case let .unknownElement(file, line, element):
            return "\(Self.place(file, line)): unknown theme element '\(element)'"
        case let .badColor(file, line, element, value):
            return "\(Self.place(file, line)): bad colour '\(value)' for element '\(element)'"
        case let .badThemeEntry(file, line, element, reason):
            return "\(Self.place(file, line)): element '\(element)': \(reason)"
        case let .invalidTheme(file, line, reason):
            return "\(Self.place(file, line)): \(reason)"
        case let .noTerminal(reason):
            return "no terminal: \(reason)"
        case let .terminalSetupFailed(reason):
            return "terminal setup failed: \(reason)"
        case let .unknownTheme(name, builtIn):
            return "no theme named '\(name.prefix(30))' (built in: \(builtIn.joined(separator: ", ")); or the path of a .toml file)"
        }
    }

    private static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }
}
