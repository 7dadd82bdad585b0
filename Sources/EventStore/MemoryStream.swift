import DispatchCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The shared event stream of in-memory stores: what a log file is to file stores.
/// Several `MemoryStore` handles on one stream behave like processes sharing a log:
/// each has its own model, appends under the stream's writer lock and is told of
/// the others' appends through a pipe. Holds the exact envelope bytes a log stores.
public final class MemoryStream: @unchecked Sendable {
    // Guards everything below; `withWriterLock` holds it across decide and append,
    // as `flock` does for the file store.
    private let lock = NSRecursiveLock()
    private var payloads: [[UInt8]] = []
    private var beat: Instant?
    private var subscribers: [Int32: Int32] = [:]  // read end → write end
    /// A name for messages (`memory:NAME`).
    public let name: String

    /// An empty stream.
    public init(name: String = "demo") { self.name = name }

    /// Events in the stream.
    public var count: UInt64 { lock.withLock { UInt64(payloads.count) } }

    /// The stored bytes of events `from...` (sequence numbers from 1), at most `limit`.
    func read(from seq: UInt64, limit: Int = .max) -> [[UInt8]] {
        lock.withLock {
            let start = Int(min(UInt64(payloads.count), max(1, seq) - 1))
            return Array(payloads[start..<min(payloads.count, start + min(limit, payloads.count - start))])
        }
    }

    /// Runs `body` holding the writer lock: no other handle appends meanwhile.
    func withWriterLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Appends a batch that continues the stream after `expected` events; refuses
    /// (false) if the stream has moved on, so a writer that decided against an old
    /// head can never interleave with another's batch.
    func append(_ batch: [[UInt8]], after expected: UInt64) -> Bool {
        lock.lock()
        guard UInt64(payloads.count) == expected else { lock.unlock(); return false }
        payloads += batch
        let ends = Array(subscribers.values)
        lock.unlock()
        var one: UInt8 = 1
        // A full pipe already says "changed": a failed write loses nothing.
        for fd in ends { _ = write(fd, &one, 1) }
        return true
    }

    /// A descriptor that becomes readable after each append, or -1 if none could be made.
    func subscribe() -> Int32 {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return -1 }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        lock.withLock { subscribers[fds[0]] = fds[1] }
        return fds[0]
    }

    /// Ends a subscription and closes its pipe.
    func unsubscribe(_ fd: Int32) {
        guard fd >= 0, let w = lock.withLock({ subscribers.removeValue(forKey: fd) }) else { return }
        close(fd)
        close(w)
    }

    /// Records that a console is alive.
    func heartbeat(at t: Instant) { lock.withLock { beat = t } }

    /// When a console last said it was alive.
    public var lastHeartbeat: Instant? { lock.withLock { beat } }
}
