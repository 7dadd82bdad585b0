/// A read-only view of a log. Takes no lock, never writes: safe for a wall display
/// whose user can only read the file.
public final class LogReader {
    let file: LogFile
    /// The offset just past the last complete batch read so far.
    public private(set) var offset: UInt64 = UInt64(LogFormat.headerSize)
    /// Why the last read stopped short, if it did (an unfinished batch: not written yet).
    public private(set) var pendingTail: String?

    /// Opens `path` read-only.
    public init(path: String, ops: FileOps = SystemFileOps.shared) throws(LogError) {
        file = try LogFile.open(path, flags: O_RDONLY, ops: ops)
    }

    deinit { file.close() }

    /// Whether the log at the path was replaced or moved since this reader opened it.
    public var isReplaced: Bool { file.isReplaced() }

    /// Reads back the record at `offset` (an offset this reader returned earlier).
    public func record(at offset: UInt64) throws(LogError) -> LogRecord { try file.record(at: offset) }

    /// The path being read.
    public var path: String { file.path }

    /// Records of complete batches appended since the last call. An unfinished last
    /// batch is left for later; damage followed by good records throws `corrupt`.
    /// With `chunk`, reads about that many bytes per call: call again until it returns nothing.
    public func readNew(chunk: Int = Int.max) throws(LogError) -> [LogRecord] {
        let (r, more) = try file.scan(from: offset, chunk: chunk)
        switch r.stop {
        case .clean: pendingTail = nil
        case .tail(_, let why): pendingTail = more ? nil : why
        case .corrupt(let at, let why): throw .corrupt(path: file.path, offset: at, reason: why)
        }
        offset = r.committedEnd
        return r.records
    }

    /// Starts reading at `offset`, the end of a batch (where a snapshot left off).
    public func resume(at offset: UInt64) {
        self.offset = max(offset, UInt64(LogFormat.headerSize))
    }

    /// The file's current size.
    public func size() throws(LogError) -> UInt64 { try file.size() }
}

#if canImport(Glibc)
import Glibc
#endif
