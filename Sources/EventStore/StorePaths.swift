import Foundation

/// Where a store's files live. A store is a directory holding `events.log`.
public struct StorePaths: Sendable {
    /// The store directory.
    public var directory: String

    /// Creates paths for a store directory.
    public init(directory: String) { self.directory = directory }

    /// The event log.
    public var log: String { (directory as NSString).appendingPathComponent("events.log") }

    /// The default store: `$GRIDWATCH_STORE`, else `${XDG_DATA_HOME:-~/.local/share}/gridwatch`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let s = environment["GRIDWATCH_STORE"], !s.isEmpty { return s }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (data as NSString).appendingPathComponent("gridwatch")
    }
}
