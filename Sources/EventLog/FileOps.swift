#if canImport(Glibc)
import Glibc
#endif
import CLogSupport

/// Every file operation the store performs: a seam so tests can inject failures
/// (short writes, EIO, ENOSPC, a failing fsync or rename) at chosen points. The log,
/// the snapshot, recovery, torn-tail repair, log creation and the heartbeat all go
/// through it; nothing in the store calls the system directly.
///
/// Every method returns the system call's result and leaves the error in `errno`,
/// exactly like the call it stands for.
public protocol FileOps: AnyObject, Sendable {
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32
    func close(_ fd: Int32) -> Int32
    func pread(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int
    func pwrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int
    func fdatasync(_ fd: Int32) -> Int32
    func fsync(_ fd: Int32) -> Int32
    func ftruncate(_ fd: Int32, _ length: Int64) -> Int32
    func size(_ fd: Int32) -> Int64
    func lockExclusive(_ fd: Int32) -> Int32
    func unlock(_ fd: Int32) -> Int32
    func rename(_ from: String, _ to: String) -> Int32
    /// link(2): refuses to replace an existing file, unlike rename.
    func link(_ from: String, _ to: String) -> Int32
    func unlink(_ path: String) -> Int32
    func mkdir(_ path: String, _ mode: mode_t) -> Int32
    func rmdir(_ path: String) -> Int32
    /// Sets a file's access and modification times to now (futimens with no times).
    func touch(_ fd: Int32) -> Int32
    func fchmod(_ fd: Int32, _ mode: mode_t) -> Int32
}

/// The real system calls.
public final class SystemFileOps: FileOps, @unchecked Sendable {
    /// The shared instance; it has no state.
    public static let shared = SystemFileOps()
    public init() {}
    public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags | O_CLOEXEC, mode) }
    public func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    public func pread(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int {
        Glibc.pread(fd, buf, count, off_t(offset))
    }
    public func pwrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int {
        Glibc.pwrite(fd, buf, count, off_t(offset))
    }
    public func fdatasync(_ fd: Int32) -> Int32 { Glibc.fdatasync(fd) }
    public func fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
    public func ftruncate(_ fd: Int32, _ length: Int64) -> Int32 { Glibc.ftruncate(fd, off_t(length)) }
    public func size(_ fd: Int32) -> Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : -1
    }
    public func lockExclusive(_ fd: Int32) -> Int32 { gw_lock_exclusive(fd) }
    public func unlock(_ fd: Int32) -> Int32 { gw_unlock(fd) }
    public func rename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
    public func link(_ from: String, _ to: String) -> Int32 { Glibc.link(from, to) }
    public func unlink(_ path: String) -> Int32 { Glibc.unlink(path) }
    public func mkdir(_ path: String, _ mode: mode_t) -> Int32 { Glibc.mkdir(path, mode) }
    public func rmdir(_ path: String) -> Int32 { Glibc.rmdir(path) }
    public func touch(_ fd: Int32) -> Int32 { Glibc.futimens(fd, nil) }
    public func fchmod(_ fd: Int32, _ mode: mode_t) -> Int32 { Glibc.fchmod(fd, mode) }
}

/// The permissions of what a store is made of: its group may read and write (the
/// installed binary is setgid to it), others nothing; the directory's setgid bit keeps
/// that group on every file made in it later.
public enum StoreModes {
    public static let directory: mode_t = 0o2770
    public static let file: mode_t = 0o660
}
