import DispatchCore
import EventLog
import Foundation

/// Where a store's files live. A store is a directory holding `events.log`.
public struct StorePaths: Sendable {
    /// The store directory.
    public var directory: String

    /// Creates paths for a store directory.
    public init(directory: String) { self.directory = directory }

    /// The event log.
    public var log: String { (directory as NSString).appendingPathComponent("events.log") }

    /// The latest model snapshot (a shortcut for start-up; the log stays the truth).
    public var snapshot: String { (directory as NSString).appendingPathComponent("snapshot.bin") }

    /// Touched by running consoles, so a wall can tell a quiet store from a dead one.
    public var heartbeat: String { (directory as NSString).appendingPathComponent("heartbeat") }

    /// When a console last touched the heartbeat, if ever.
    func lastHeartbeat() -> Instant? {
        var st = stat()
        guard stat(heartbeat, &st) == 0 else { return nil }
        return Instant(ms: Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000)
    }

    /// Marks the store as watched now. Best effort: a console that cannot write it still works.
    func touchHeartbeat(ops: FileOps) {
        let fd = ops.open(heartbeat, O_WRONLY | O_CREAT, StoreModes.file)
        guard fd >= 0 else { return }
        _ = ops.touch(fd)
        _ = ops.close(fd)
    }

    /// The default store: `$GRIDWATCH_STORE`, else `${XDG_DATA_HOME:-~/.local/share}/gridwatch`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let s = environment["GRIDWATCH_STORE"], !s.isEmpty { return s }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (data as NSString).appendingPathComponent("gridwatch")
    }
}
