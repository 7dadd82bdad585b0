import TerminalUI

/// Finds a theme by name (built in) or by path (a `.toml` file).
public enum ThemeCatalog {
    /// Loads `nameOrPath`: a built-in name such as `light`, or a file path.
    public static func load(_ nameOrPath: String) throws(TerminalUIError) -> Theme {
        if let source = BuiltinThemes.sources[nameOrPath] {
            return try Theme.parse(source, file: "themes/\(nameOrPath).toml")
        }
        return try Theme.load(contentsOf: nameOrPath)
    }

    /// The built-in theme names.
    public static var names: [String] { BuiltinThemes.sources.keys.sorted() }
}
