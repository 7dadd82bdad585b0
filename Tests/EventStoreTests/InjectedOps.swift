import EventLog
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File operations that fail where a test says: by operation and by a part of the
/// path (writes are matched by the path their descriptor was opened with).
final class InjectedOps: FileOps, @unchecked Sendable {
    enum Op: Hashable { case open, pwrite, fsync, fdatasync, ftruncate, rename, link, mkdir, touch }

    struct Rule {
        var op: Op
        var path: String
        var errno: Int32
        /// For writes: let half of the bytes through first, then fail.
        var shortFirst = false
    }

    private let real = SystemFileOps()
    private let lock = NSLock()
    private var rules: [Rule] = []
    private var names: [Int32: String] = [:]
    /// How many times a rule made a call fail.
    private(set) var injected = 0

    /// Fails `op` on paths containing `path` with `errno` from now on.
    func fail(_ op: Op, path: String, errno e: Int32, shortFirst: Bool = false) {
        lock.withLock { rules.append(Rule(op: op, path: path, errno: e, shortFirst: shortFirst)) }
    }

    private func rule(_ op: Op, _ path: String?) -> Rule? {
        lock.withLock { rules.first { $0.op == op && (path ?? "").contains($0.path) } }
    }

    private func failing(_ op: Op, _ path: String?) -> Bool {
        guard let r = rule(op, path) else { return false }
        lock.withLock { injected += 1 }
        errno = r.errno
        return true
    }

    private func name(_ fd: Int32) -> String? { lock.withLock { names[fd] } }

    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        if failing(.open, path) { return -1 }
        let fd = real.open(path, flags, mode)
        if fd >= 0 { lock.withLock { names[fd] = path } }
        return fd
    }
    func close(_ fd: Int32) -> Int32 {
        _ = lock.withLock { names.removeValue(forKey: fd) }
        return real.close(fd)
    }
    func pread(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int { real.pread(fd, buf, count, offset) }
    func pwrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int {
        if let r = rule(.pwrite, name(fd)) {
            if r.shortFirst, count > 1 {
                lock.withLock { if let i = rules.firstIndex(where: { $0.op == .pwrite && $0.path == r.path }) { rules[i].shortFirst = false } }
                return real.pwrite(fd, buf, count / 2, offset)
            }
            lock.withLock { injected += 1 }
            errno = r.errno
            return -1
        }
        return real.pwrite(fd, buf, count, offset)
    }
    func fdatasync(_ fd: Int32) -> Int32 { failing(.fdatasync, name(fd)) ? -1 : real.fdatasync(fd) }
    func fsync(_ fd: Int32) -> Int32 { failing(.fsync, name(fd)) ? -1 : real.fsync(fd) }
    func ftruncate(_ fd: Int32, _ length: Int64) -> Int32 { failing(.ftruncate, name(fd)) ? -1 : real.ftruncate(fd, length) }
    func size(_ fd: Int32) -> Int64 { real.size(fd) }
    func lockExclusive(_ fd: Int32) -> Int32 { real.lockExclusive(fd) }
    func unlock(_ fd: Int32) -> Int32 { real.unlock(fd) }
    func rename(_ from: String, _ to: String) -> Int32 { failing(.rename, to) ? -1 : real.rename(from, to) }
    func link(_ from: String, _ to: String) -> Int32 { failing(.link, to) ? -1 : real.link(from, to) }
    func unlink(_ path: String) -> Int32 { real.unlink(path) }
    func mkdir(_ path: String, _ mode: mode_t) -> Int32 { failing(.mkdir, path) ? -1 : real.mkdir(path, mode) }
    func rmdir(_ path: String) -> Int32 { real.rmdir(path) }
    func touch(_ fd: Int32) -> Int32 { failing(.touch, name(fd)) ? -1 : real.touch(fd) }
    func fchmod(_ fd: Int32, _ mode: mode_t) -> Int32 { real.fchmod(fd, mode) }
}
