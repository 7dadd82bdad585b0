#if canImport(Glibc)
import Glibc
#endif

/// Shared plumbing for readers and writers: opening, the header, reading ranges.
struct LogFile {
    let path: String
    let ops: FileOps
    let fd: Int32

    static func open(_ path: String, flags: Int32, ops: FileOps) throws(LogError) -> LogFile {
        let fd = ops.open(path, flags, 0)
        guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        let f = LogFile(path: path, ops: ops, fd: fd)
        do { try f.checkHeader() } catch { _ = ops.close(fd); throw error }
        return f
    }

    func checkHeader() throws(LogError) {
        let h = try read(from: 0, count: LogFormat.headerSize)
        guard h.count == LogFormat.headerSize, Array(h[0..<8]) == LogFormat.magic else { throw .notALog(path: path) }
        let v = h.withUnsafeBytes { LogFormat.u32($0, 8) }
        guard v <= LogFormat.version else { throw .unsupportedVersion(path: path, version: v) }
    }

    func size() throws(LogError) -> UInt64 {
        let s = ops.size(fd)
        guard s >= 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        return UInt64(s)
    }

    /// Reads up to `count` bytes at `offset` (fewer at end of file).
    func read(from offset: UInt64, count: Int) throws(LogError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { buf in
                ops.pread(fd, buf.baseAddress! + done, count - done, Int64(offset) + Int64(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        out.removeLast(count - done)
        return out
    }

    /// Everything from `offset` to the current end of the file.
    func readToEnd(from offset: UInt64) throws(LogError) -> [UInt8] {
        let end = try size()
        guard end > offset else {
            if end < offset { throw .shrank(path: path) }
            return []
        }
        return try read(from: offset, count: Int(end - offset))
    }

    /// Scans complete batches from `offset`, reading about `chunk` bytes (more when a
    /// single batch is larger). `more` says the chunk stopped before the end of the file,
    /// so a `.tail` stop then only marks the chunk's edge.
    func scan(from offset: UInt64, chunk: Int) throws(LogError) -> (result: ScanResult, more: Bool) {
        let end = try size()
        guard end >= offset else { throw .shrank(path: path) }
        var want = max(chunk, 1 << 16)
        while true {
            let remaining = end - offset
            let n = Int(min(UInt64(want), remaining))
            let r = LogScanner.scan(try read(from: offset, count: n), base: offset)
            if UInt64(n) == remaining { return (r, false) }
            if case .corrupt = r.stop { return (r, false) }
            if r.committedEnd > offset { return (r, true) }
            want = want > Int.max / 2 ? Int.max : want * 2
        }
    }

    func close() { _ = ops.close(fd) }

    /// Whether the path now names a different file than the one open (replaced by
    /// `recover`, or moved away): a reader of the old file would never see new records.
    func isReplaced() -> Bool {
        var mine = stat(), current = stat()
        guard fstat(fd, &mine) == 0 else { return false }
        guard stat(path, &current) == 0 else { return true }
        return mine.st_ino != current.st_ino || mine.st_dev != current.st_dev
    }
}

extension LogFile {
    /// The record whose header starts at `offset`, checked.
    func record(at offset: UInt64) throws(LogError) -> LogRecord {
        let head = try read(from: offset, count: LogFormat.recordHeaderSize)
        guard head.count == LogFormat.recordHeaderSize else { throw .corrupt(path: path, offset: offset, reason: "no record here") }
        let len = head.withUnsafeBytes { Int(LogFormat.u32($0, 4)) }
        guard len <= LogFormat.maxPayload else { throw .corrupt(path: path, offset: offset, reason: "bad length") }
        let bytes = try read(from: offset, count: LogFormat.recordHeaderSize + len)
        let r = LogScanner.scan(bytes, base: offset)
        guard let rec = r.records.first ?? LogScanner.salvage(bytes, base: offset).records.first else {
            throw .corrupt(path: path, offset: offset, reason: "unreadable record")
        }
        return rec
    }
}
