/// Why a log operation failed. Messages name the file and, for damage, the byte offset.
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed.
    case io(path: String, operation: String, errno: Int32)
    /// The file has no log header: it is not a gridwatch log.
    case notALog(path: String)
    /// The file was written by a newer format version.
    case unsupportedVersion(path: String, version: UInt32)
    /// A damaged record with good records after it: refuse to write.
    case corrupt(path: String, offset: UInt64, reason: String)
    /// The file shrank under a reader (a failed batch was rolled back, or the file was replaced).
    case shrank(path: String)
    /// An earlier fsync failed; this writer refuses all further writes.
    case writerStopped(path: String, reason: String)
    /// A record larger than the format allows.
    case recordTooLarge(Int)
    /// The file at the path was replaced (by `recover`) after this process opened it.
    case replaced(path: String)

    public var description: String {
        switch self {
        case .io(let p, let op, let e):
            let what = e == 13 || e == 1 ? "permission denied" : e == 2 ? "no such file or directory"
                : e == 28 ? "no space left on device" : e == 27 ? "file too large"
                : String(cString: strerrorText(e))
            return "\(op) \(p): \(what)"
        case .notALog(let p): return "\(p) is not a gridwatch event log"
        case .unsupportedVersion(let p, let v): return "\(p) has log format version \(v), newer than this gridwatch understands"
        case .corrupt(let p, let o, let r):
            return "\(p) is damaged at byte offset \(o) (\(r)); run 'gridwatch recover' to copy it aside and repair it"
        case .shrank(let p): return "\(p) shrank while being read"
        case .writerStopped(let p, let r): return "writing to \(p) stopped after a failed sync (\(r)); restart to continue"
        case .replaced(let p): return "\(p) was replaced by another process; reopen it"
        case .recordTooLarge(let n): return "record of \(n) bytes exceeds the log's limit of \(LogFormat.maxPayload) bytes"
        }
    }
}

#if canImport(Glibc)
import Glibc
func strerrorText(_ e: Int32) -> UnsafeMutablePointer<CChar> { strerror(e) }
#else
import Darwin
func strerrorText(_ e: Int32) -> UnsafeMutablePointer<CChar> { strerror(e) }
#endif
