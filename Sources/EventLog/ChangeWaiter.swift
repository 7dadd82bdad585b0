#if canImport(Glibc)
import Glibc
#endif
import CLogSupport

/// Waits for a file to change: inotify where it works, a slow poll otherwise.
public final class ChangeWaiter {
    private let fd: Int32
    /// Milliseconds between polls when inotify is unavailable.
    public let pollMs: Int32

    /// Watches `path`. Falls back to polling every `pollMs` if inotify cannot be used.
    public init(path: String, pollMs: Int32 = 500) {
        self.pollMs = pollMs
        let f = gw_inotify_open()
        if f >= 0, gw_inotify_watch(f, path) >= 0 {
            fd = f
        } else {
            if f >= 0 { Glibc.close(f) }
            fd = -1
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Whether inotify is in use.
    public var usesInotify: Bool { fd >= 0 }

    /// The file descriptor to include in a poll set, or -1 when polling.
    public var descriptor: Int32 { fd }

    /// Blocks until the file changes or `timeoutMs` passes. Returns true on a change
    /// (always true after a poll interval when inotify is unavailable).
    @discardableResult
    public func wait(timeoutMs: Int32) -> Bool {
        if fd >= 0 { return gw_wait_readable(fd, timeoutMs) == 1 }
        usleep(UInt32(max(0, min(timeoutMs, pollMs))) * 1000)
        return true
    }
}
