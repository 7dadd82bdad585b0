import EventLog
import Foundation

/// A new file store filled with records copied as they are (by `migrate`): the
/// directory and log are made as `FileStore.create` makes them, the records are
/// appended under the writer lock a batch at a time, and `abandon` takes away all
/// that was made, so a failed copy leaves nothing behind.
public final class LogImport {
    private let paths: StorePaths
    private let ops: FileOps
    private let writer: LogWriter
    private let made: [String]
    private var open = true

    /// Makes the store at `paths`; refuses if one is there.
    public init(paths: StorePaths, createParents: Bool = false, ops: FileOps = SystemFileOps.shared) throws(StoreError) {
        if FileManager.default.fileExists(atPath: paths.log) { throw .exists(path: paths.directory) }
        self.paths = paths
        self.ops = ops
        made = try FileStore.makeDirectory(paths.directory, createParents: createParents, ops: ops)
        do throws(LogError) {
            try LogWriter.create(path: paths.log, ops: ops)
            writer = try LogWriter(path: paths.log, ops: ops)
            try writer.lock()
        } catch {
            _ = ops.unlink(paths.log)
            for dir in made.reversed() { _ = ops.rmdir(dir) }
            throw StoreError(error)
        }
    }

    /// Appends envelopes as one durable batch.
    public func append(_ payloads: [[UInt8]]) throws(StoreError) {
        do { _ = try writer.append(payloads) } catch { throw StoreError(error) }
    }

    /// Lets go of the writer lock: the store is ready.
    public func finish() {
        guard open else { return }
        writer.unlock()
        open = false
    }

    /// Removes the log and the directories made for it.
    public func abandon() {
        if open { writer.unlock() }
        open = false
        _ = ops.unlink(paths.log)
        for dir in made.reversed() { _ = ops.rmdir(dir) }
    }
}
