#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Appends batches of records to a log shared by several processes.
///
/// Protocol: `lock()`, `catchUp()` (read what others appended; move a torn tail aside),
/// `append(_:)` (one write, one fdatasync), `unlock()`. An fsync failure stops this
/// writer for good: the page cache can no longer be trusted to match the disk.
public final class LogWriter {
    let file: LogFile
    /// The offset just past the last complete batch this writer knows of.
    public private(set) var committedEnd: UInt64 = UInt64(LogFormat.headerSize)
    private var stoppedReason: String?
    private var locked = false
    /// What the last `catchUp` repaired (a torn tail moved aside), for the caller to log.
    public private(set) var lastRepair: String?

    /// Opens an existing log for appending.
    public init(path: String, ops: FileOps = SystemFileOps.shared) throws(LogError) {
        file = try LogFile.open(path, flags: O_RDWR, ops: ops)
    }

    deinit {
        if locked { _ = file.ops.unlock(file.fd) }
        file.close()
    }

    /// Whether the log at the path was replaced or moved since this writer opened it.
    public var isReplaced: Bool { file.isReplaced() }

    /// Reads back the record at `offset` (an offset this writer returned earlier).
    public func record(at offset: UInt64) throws(LogError) -> LogRecord { try file.record(at: offset) }

    /// The log's path.
    public var path: String { file.path }

    /// Creates a new, empty log at `path` (which must not exist) with `mode`, durably
    /// (see `DurableFile.create`): two racing creators cannot clobber each other.
    public static func create(path: String, mode: mode_t = StoreModes.file, ops: FileOps = SystemFileOps.shared) throws(LogError) {
        try DurableFile.create(path, with: [LogFormat.fileHeader], mode: mode, ops: ops)
    }

    /// Takes the exclusive writer lock (blocks until other writers release it).
    /// Throws `replaced` if `recover` swapped a new file in while we waited: this
    /// writer's descriptor then points at the old file and must not be written.
    public func lock() throws(LogError) {
        guard file.ops.lockExclusive(file.fd) == 0 else { throw .io(path: path, operation: "lock", errno: errno) }
        locked = true
        var mine = stat(), current = stat()
        if fstat(file.fd, &mine) == 0, stat(path, &current) == 0, mine.st_ino != current.st_ino || mine.st_dev != current.st_dev {
            unlock()
            throw .replaced(path: path)
        }
    }

    /// Releases the writer lock.
    public func unlock() {
        if locked { _ = file.ops.unlock(file.fd) }
        locked = false
    }

    /// Reads complete batches appended since the last call, without the lock and
    /// without repairing anything: for loading state before taking the lock.
    /// With `chunk`, reads about that many bytes per call: call again until it returns
    /// nothing, so a long log is never all in memory at once.
    public func readAhead(chunk: Int = Int.max) throws(LogError) -> [LogRecord] {
        let r = try file.scan(from: committedEnd, chunk: chunk).result
        if case .corrupt(let at, let why) = r.stop { throw .corrupt(path: path, offset: at, reason: why) }
        committedEnd = r.committedEnd
        return r.records
    }

    /// Starts reading at `offset`, the end of a batch (where a snapshot left off).
    public func resume(at offset: UInt64) {
        committedEnd = max(offset, UInt64(LogFormat.headerSize))
    }

    /// Under the lock: reads what other writers appended. Bytes after the last complete
    /// batch can only come from a writer that died or failed mid-append (writers hold the
    /// lock until they finish), so they are copied aside and truncated.
    public func catchUp() throws(LogError) -> [LogRecord] {
        precondition(locked, "catchUp requires the writer lock")
        lastRepair = nil
        let bytes = try file.readToEnd(from: committedEnd)
        let r = LogScanner.scan(bytes, base: committedEnd)
        switch r.stop {
        case .clean: break
        case .corrupt(let at, let why): throw .corrupt(path: path, offset: at, reason: why)
        case .tail(let at, let why):
            try stopIfStopped()
            let junk = Array(bytes[Int(at - committedEnd)...])
            let aside = try preserveAside(junk, from: at)
            guard file.ops.ftruncate(file.fd, Int64(at)) == 0 else { throw .io(path: path, operation: "truncate", errno: errno) }
            guard file.ops.fdatasync(file.fd) == 0 else { throw stop(reason: "fdatasync failed after truncating a torn tail") }
            lastRepair = "removed an unfinished batch of \(junk.count) bytes at offset \(at) (\(why)); kept a copy in \(aside)"
        }
        committedEnd = r.committedEnd
        return r.records
    }

    /// Appends `payloads` as one batch: one write, one fdatasync. Returns only when the
    /// batch is durable; on failure nothing of the batch remains that a reader accepts.
    /// Returns each record's offset.
    @discardableResult
    public func append(_ payloads: [[UInt8]]) throws(LogError) -> [UInt64] {
        precondition(locked, "append requires the writer lock")
        try stopIfStopped()
        guard !payloads.isEmpty else { return [] }
        var offsets: [UInt64] = []
        offsets.reserveCapacity(payloads.count)
        var buf: [UInt8] = []
        buf.reserveCapacity(payloads.reduce(0) { $0 + $1.count + LogFormat.recordHeaderSize })
        for (i, p) in payloads.enumerated() {
            guard p.count <= LogFormat.maxPayload else { throw .recordTooLarge(p.count) }
            offsets.append(committedEnd + UInt64(buf.count))
            LogFormat.frame(p, commit: i == payloads.count - 1, into: &buf)
        }
        let start = committedEnd
        var done = 0
        while done < buf.count {
            let n = buf.withUnsafeBytes { file.ops.pwrite(file.fd, $0.baseAddress! + done, buf.count - done, Int64(start) + Int64(done)) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                let e = n < 0 ? errno : EIO
                rollBack(to: start)
                throw .io(path: path, operation: "write", errno: e)
            }
            done += n
        }
        guard file.ops.fdatasync(file.fd) == 0 else {
            let e = errno
            rollBack(to: start)
            throw stop(reason: "fdatasync: \(LogError.io(path: path, operation: "sync", errno: e).description)")
        }
        committedEnd = start + UInt64(buf.count)
        return offsets
    }

    /// Removes a failed batch. If even the truncation fails, stop writing: this writer no
    /// longer knows what the file holds, and the next writer's catch-up moves the remains aside.
    private func rollBack(to offset: UInt64) {
        if file.ops.ftruncate(file.fd, Int64(offset)) != 0 {
            stoppedReason = "could not remove a failed batch"
        }
    }

    private func stop(reason: String) -> LogError {
        stoppedReason = reason
        return .writerStopped(path: path, reason: reason)
    }

    private func stopIfStopped() throws(LogError) {
        if let r = stoppedReason { throw .writerStopped(path: path, reason: r) }
    }

    /// Keeps torn bytes beside the log instead of destroying them.
    private func preserveAside(_ bytes: [UInt8], from offset: UInt64) throws(LogError) -> String {
        let aside = "\(path).torn-\(offset)-\(Int(Date().timeIntervalSince1970))"
        try DurableFile.write([bytes], to: aside, ops: file.ops)
        return aside
    }
}
