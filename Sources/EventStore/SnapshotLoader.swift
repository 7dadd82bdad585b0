import DispatchCore
import EventLog
import Foundation
import Logging

/// Opening a store through its snapshot, and writing new snapshots in the background.
enum SnapshotLoader {
    /// Bytes read per step when replaying a long log, so it is never all in memory.
    static let replayChunk = 2 << 20

    /// A replay that starts from the store's snapshot when the log still agrees with it,
    /// and the log offset to read on from; else an empty replay from the start.
    /// Sets `replay` and returns where to read on. `rejected` is set when a snapshot
    /// exists but could not be used. The replay is handed over in place, never copied:
    /// a second reference to the model's arrays would make the first event applied
    /// after opening copy every case.
    static func start(into replay: inout Replay, _ paths: StorePaths, policy: Policy, now: Instant, logger: Logger,
                      rejected: inout Bool, record: (UInt64) throws(LogError) -> LogRecord) -> UInt64? {
        replay = Replay(model: Model(policy: policy, now: now))
        guard !rejected else { return nil }
        let (snap, problem) = SnapshotReader.full(paths.snapshot, limits: policy.limits)
        if let problem { logger.warning("ignoring snapshot: \(problem); replaying the whole log"); rejected = true }
        guard let snap else { return nil }
        guard fits(snap.header, logger: logger, record: record) else { rejected = true; return nil }
        let end = snap.header.endOffset
        replay = Replay(snapshot: consume snap, policy: policy)
        return end
    }

    /// A replay holding only what appending reports needs (see `Model.archive`), when
    /// the store has a snapshot that fits the log; nil otherwise.
    static func startPartial(_ paths: StorePaths, policy: Policy, logger: Logger, rejected: inout Bool,
                             record: (UInt64) throws(LogError) -> LogRecord) -> (Replay, resumeAt: UInt64)? {
        let (snap, problem) = SnapshotReader.partial(paths.snapshot, limits: policy.limits)
        if let problem { logger.warning("ignoring snapshot: \(problem); replaying the whole log"); rejected = true }
        guard let snap else { return nil }
        guard fits(snap.header, logger: logger, record: record) else { rejected = true; return nil }
        var replay = Replay(model: Model(partial: snap.core, archive: snap.archive, policy: policy))
        replay.lastSeq = snap.header.lastSeq
        replay.head = snap.header.head
        return (replay, snap.header.endOffset)
    }

    private static func fits(_ h: SnapshotHeader, logger: Logger, record: (UInt64) throws(LogError) -> LogRecord) -> Bool {
        do { try SnapshotFile.check(h, record: record) } catch {
            logger.warning("ignoring snapshot: \(SnapshotReader.describe(error)); replaying the whole log")
            return false
        }
        return true
    }

    /// The snapshot file's bytes for a replay whose last record ends at `endOffset`.
    static func encode(_ replay: Replay, endOffset: UInt64) -> [UInt8]? {
        guard replay.lastSeq > 0, !replay.model.isPartial, let last = replay.offset(of: replay.lastSeq) else { return nil }
        let header = SnapshotHeader(lastSeq: replay.lastSeq, head: replay.head, lastRecordOffset: last, endOffset: endOffset)
        return SnapshotFile.encode(model: replay.model, header: header, index: { replay.fullIndex() })
    }
}

/// One background snapshot writer per store handle: a new one starts only when the
/// previous has finished, so a busy console never queues up copies of its model.
public final class SnapshotJob: @unchecked Sendable {
    private let state = NSCondition()
    private var running = false

    /// A job with nothing running.
    public init() {}

    /// Starts `work` on a background thread unless one is still running.
    public func start(_ work: @escaping @Sendable () -> Void) -> Bool {
        state.lock()
        defer { state.unlock() }
        guard !running else { return false }
        running = true
        Thread.detachNewThread { [self] in
            work()
            state.lock()
            running = false
            state.broadcast()
            state.unlock()
        }
        return true
    }

    /// Waits for a running snapshot to finish (before the process exits).
    public func wait() {
        state.lock()
        while running { state.wait() }
        state.unlock()
    }
}
