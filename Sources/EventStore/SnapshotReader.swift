import DispatchCore
import Foundation

/// Reading snapshot files whole (to open a store) or in part (to append reports).
enum SnapshotReader {
    /// The snapshot at `path` for a store under `limits`, or why there is none to use
    /// (nil and no problem when there is simply no snapshot).
    static func full(_ path: String, limits: TimeLimits) -> (Snapshot?, problem: String?) {
        do {
            let source = try FileSource(path: path)
            return (try SnapshotFile.decode(source, size: try source.size(), limits: limits), nil)
        } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }

    /// The header, core and lookup tables of the snapshot at `path`; the cases are not read.
    static func partial(_ path: String, limits: TimeLimits) -> (PartialSnapshot?, problem: String?) {
        let source: FileSource
        do { source = try FileSource(path: path) } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, error.description)
        }
        do { return (try SnapshotFile.partial(source, size: try source.size(), limits: limits), nil) } catch {
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }

    /// A snapshot problem in words: decoding errors without the log's "undecodable record".
    static func describe(_ e: StoreError) -> String {
        if case .decode(let why) = e { return why }
        return e.description
    }

    /// Only the header of the snapshot at `path` (any time limits): where it stands in the log.
    static func header(_ path: String) -> (SnapshotHeader?, problem: String?) {
        do {
            let source = try FileSource(path: path)
            return (try SnapshotFile.header(try source.read(0, SnapshotFile.headerSize), limits: nil, fileSize: try source.size()), nil)
        } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }
}
