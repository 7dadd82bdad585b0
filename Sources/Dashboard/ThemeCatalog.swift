import TerminalUI

/// Finds a theme by name (built in) or by path (a `.toml` file).
public enum ThemeCatalog {
    /// Loads `nameOrPath`: a built-in name such as `light`, or a file path.
    public static func load(_ nameOrPath: String) throws(TerminalUIError) -> Theme {
        if let source = BuiltinThemes.sources[nameOrPath] {
            return try Theme.parse(source, file: "themes/\(nameOrPath).toml")
        }
        // A name that is not built in is named as such, not reported as a missing file.
        if isUnknownName(nameOrPath) { throw .unknownTheme(name: nameOrPath, builtIn: names) }
        return try Theme.load(contentsOf: nameOrPath)
    }

    /// The built-in theme names.
    public static var names: [String] { BuiltinThemes.sources.keys.sorted() }

    /// Whether `nameOrPath` reads as a theme's name (no `/`, no `.toml`) that is not built in.
    static func isUnknownName(_ nameOrPath: String) -> Bool {
        BuiltinThemes.sources[nameOrPath] == nil && !nameOrPath.contains("/") && !nameOrPath.hasSuffix(".toml")
    }
}
