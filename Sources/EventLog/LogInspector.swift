#if canImport(Glibc)
import Glibc
#endif

/// Whole-file access for `verify` and `recover`: read-only, no lock.
public enum LogInspector {
    /// The bytes after the file header, checking the header.
    public static func body(of path: String, ops: FileOps = SystemFileOps.shared) throws(LogError) -> [UInt8] {
        let f = try LogFile.open(path, flags: O_RDONLY, ops: ops)
        defer { f.close() }
        return try f.readToEnd(from: UInt64(LogFormat.headerSize))
    }
}
