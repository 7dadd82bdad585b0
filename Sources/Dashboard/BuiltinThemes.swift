// The shipped themes, embedded from themes/*.toml by the build (SwiftPM's
// `embedInCode` through the Sources/Dashboard/themes link), so an installed binary
// needs no files and there is no second copy to keep in step.

/// Built-in theme sources by name.
public enum BuiltinThemes {
    /// Theme file text by theme name.
    public static let sources: [String: String] = [
        "default": String(decoding: PackageResources.default_toml, as: UTF8.self),
        "light": String(decoding: PackageResources.light_toml, as: UTF8.self),
        "high-contrast": String(decoding: PackageResources.high_contrast_toml, as: UTF8.self),
        "mono": String(decoding: PackageResources.mono_toml, as: UTF8.self),
    ]
}
