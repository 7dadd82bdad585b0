#if canImport(Glibc)
import Glibc
#endif

/// Writing whole files so that a crash, a full disk or an I/O error leaves either the
/// old state or the new one, never half a file: the snapshot, the repaired log, the
/// copies kept aside, a new log. Everything goes through `FileOps`, so each failure
/// can be injected in tests.
public enum DurableFile {
    /// Writes `chunks` to a new file at `path` (replacing any file there) and fsyncs
    /// it. On failure the file is removed and the error names the step.
    public static func write(_ chunks: [[UInt8]], to path: String, mode: mode_t = StoreModes.file,
                             ops: FileOps = SystemFileOps.shared) throws(LogError) {
        let fd = ops.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw .io(path: path, operation: "create", errno: errno) }
        // Exactly `mode`, whatever the umask: the store's group permissions depend on it.
        _ = ops.fchmod(fd, mode)
        var failure: LogError?
        var offset: Int64 = 0
        for chunk in chunks where failure == nil {
            do { try writeAll(chunk, fd: fd, at: offset, path: path, ops: ops) } catch { failure = error }
            offset += Int64(chunk.count)
        }
        if failure == nil, ops.fsync(fd) != 0 { failure = .io(path: path, operation: "sync", errno: errno) }
        _ = ops.close(fd)
        if let failure {
            _ = ops.unlink(path)
            throw failure
        }
    }

    /// Replaces `path` atomically: a temporary file beside it, fsync, rename over the
    /// old one, fsync the directory. A crash leaves the old file or the new one.
    public static func replace(_ path: String, with chunks: [[UInt8]], mode: mode_t = StoreModes.file,
                               ops: FileOps = SystemFileOps.shared) throws(LogError) {
        let tmp = "\(path).tmp-\(getpid())"
        try write(chunks, to: tmp, mode: mode, ops: ops)
        guard ops.rename(tmp, path) == 0 else {
            let e = errno
            _ = ops.unlink(tmp)
            throw .io(path: path, operation: "rename", errno: e)
        }
        try syncDirectory(of: path, ops: ops)
    }

    /// Creates `path`, which must not exist, atomically: a temporary file, fsync,
    /// link (which, unlike rename, refuses to replace a file, so two racing creators
    /// cannot clobber each other), fsync the directory.
    public static func create(_ path: String, with chunks: [[UInt8]], mode: mode_t = StoreModes.file,
                              ops: FileOps = SystemFileOps.shared) throws(LogError) {
        let tmp = "\(path).new-\(getpid())"
        try write(chunks, to: tmp, mode: mode, ops: ops)
        let linked = ops.link(tmp, path)
        let e = errno
        _ = ops.unlink(tmp)
        guard linked == 0 else { throw .io(path: path, operation: "create", errno: e) }
        do { try syncDirectory(of: path, ops: ops) } catch {
            // Not known to be durable: take it away again rather than half-create a store.
            _ = ops.unlink(path)
            throw error
        }
    }

    /// Fsyncs the directory holding `path`, so a rename or creation is durable.
    public static func syncDirectory(of path: String, ops: FileOps = SystemFileOps.shared) throws(LogError) {
        let dir = directory(of: path)
        let dfd = ops.open(dir, O_RDONLY | O_DIRECTORY, 0)
        guard dfd >= 0 else { throw .io(path: dir, operation: "open directory", errno: errno) }
        defer { _ = ops.close(dfd) }
        guard ops.fsync(dfd) == 0 else { throw .io(path: dir, operation: "sync directory", errno: errno) }
    }

    /// Writes all of `bytes` at `offset`, retrying short writes and EINTR.
    public static func writeAll(_ bytes: [UInt8], fd: Int32, at offset: Int64, path: String, ops: FileOps) throws(LogError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { b -> Int in
                guard let base = b.baseAddress else { return 0 }
                return ops.pwrite(fd, base + done, bytes.count - done, offset + Int64(done))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .io(path: path, operation: "write", errno: n < 0 ? errno : EIO) }
            done += n
        }
    }

    /// The directory part of a path ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
