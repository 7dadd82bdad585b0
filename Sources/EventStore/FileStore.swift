import DispatchCore
import EventLog
import Foundation
import Logging

/// How much of a store to load.
public enum LoadScope: Sendable {
    /// Everything: the model the console, stats and case actions need.
    case all
    /// Units, counters and early-warning state, with earlier cases left in the snapshot.
    case reportsOnly
}

/// The file-backed store that consoles and commands write through.
///
/// Each `execute` takes the log's writer lock, catches up with what other processes
/// appended, decides the commands against that fresh state, writes them in one
/// batch with one fdatasync, and only then returns. Synchronous underneath: the file
/// system has nothing to wait for that a blocked thread would not.
public final class FileStore: CaseStore {
    private var writer: LogWriter
    private var replay: Replay
    private let clock: DispatchClock
    private let policy: Policy
    private let ops: FileOps
    private var needsReload = false
    private var snapshotSeq: UInt64 = 0
    private let scope: LoadScope
    /// A snapshot was there but unusable: the next `close` replaces it whatever the count.
    private var snapshotRejected = false
    private let snapshots = SnapshotJob()
    private let watch: LogWatch
    /// How many new events make a snapshot due.
    public var snapshotEvery: UInt64 = 20_000
    private let logger = Logger(label: "gridwatch.store")
    public let actor: String
    public var access: AccessCheck?
    /// The store's paths.
    public let paths: StorePaths

    /// Opens an existing store for reading and writing, replaying its log.
    ///
    /// With `scope: .reportsOnly` the cases before the snapshot stay on disk (see
    /// `Model.archive`): enough to record new reports, at a cost that does not grow
    /// with the store. Without a usable snapshot it loads everything.
    public init(paths: StorePaths, actor: String, clock: DispatchClock = SystemClock(), policy: Policy = .defaults,
                ops: FileOps = SystemFileOps.shared, scope: LoadScope = .all) throws(StoreError) {
        self.scope = scope
        self.paths = paths
        watch = LogWatch(path: paths.log)
        self.actor = actor
        self.clock = clock
        self.policy = policy
        self.ops = ops
        writer = try FileStore.openWriter(paths, ops: ops)
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        do { try load() } catch { throw error.classified }
    }

    private static func openWriter(_ paths: StorePaths, ops: FileOps) throws(StoreError) -> LogWriter {
        do { return try LogWriter(path: paths.log, ops: ops) } catch {
            if case .io(_, _, 2) = error { throw .notFound(path: paths.directory) }
            throw StoreError(error)
        }
    }

    /// Loads without the lock: most of the log can be read while others write. Starts
    /// from the snapshot when the log agrees with it, then reads the rest in chunks.
    private func load() throws(StoreError) {
        let w = writer
        let record = { (off: UInt64) throws(LogError) -> LogRecord in try w.record(at: off) }
        snapshotRejected = false
        if scope == .reportsOnly,
           let (partial, resume) = SnapshotLoader.startPartial(paths, policy: policy, logger: logger, rejected: &snapshotRejected, record: record) {
            replay = partial
            writer.resume(at: resume)
        } else {
            let resume = SnapshotLoader.start(into: &replay, paths, policy: policy, now: clock.now(), logger: logger,
                                              rejected: &snapshotRejected, record: record)
            if let resume { writer.resume(at: resume) }
        }
        snapshotSeq = replay.lastSeq
        try replay.applyAll { () throws(LogError) in try w.readAhead(chunk: SnapshotLoader.replayChunk) }
        replay.model.advance(to: clock.now())
        // A partial model counts every later event on an archived case as an orphan.
        if replay.model.orphanEvents > 0, !replay.model.isPartial {
            logger.warning("\(replay.model.orphanEvents) events name a case or unit that is not in the log (records were lost in a recovery)")
        }
    }

    private func reload() throws(StoreError) {
        writer = try FileStore.openWriter(paths, ops: ops)
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        watch.reset()  // it watches the file that was replaced
        try load()
        needsReload = false
    }

    public var model: Model { replay.model }
    public var lastSeq: UInt64 { replay.lastSeq }
    public var headHash: String { hexString(replay.head) }
    public var location: String { paths.directory }

    // MARK: Change, liveness, maintenance

    public var changeDescriptor: Int32 { watch.descriptor }
    public func takeChanges() -> Bool { watch.take() }
    public var pollInterval: Int32 { watch.pollInterval }
    public func lastHeartbeat() -> Instant? { paths.lastHeartbeat() }
    public func heartbeat() { paths.touchHeartbeat(ops: ops) }

    /// Starts writing a snapshot in the background if `snapshotEvery` events came since
    /// the last one. The model is copied, so the caller carries on at once.
    public func maintain() {
        guard !replay.model.isPartial, replay.lastSeq >= snapshotSeq + snapshotEvery else { return }
        let r = replay, end = writer.committedEnd, path = paths.snapshot, log = logger, ops = ops
        if snapshots.start({ FileStore.writeSnapshot(r, endOffset: end, to: path, ops: ops, logger: log) }) { snapshotSeq = r.lastSeq }
    }

    public func close() { close(snapshotAfter: nil) }

    /// Before the process exits: waits for a background snapshot, then writes one in
    /// the foreground if at least `minimum` events came since the last (at least one).
    /// Calling it again writes only what has become due since; the store stays usable.
    public func close(snapshotAfter minimum: UInt64?) {
        snapshots.wait()
        watch.reset()
        let due = snapshotRejected ? 1 : (minimum ?? snapshotEvery)
        guard replay.lastSeq > snapshotSeq, replay.lastSeq - snapshotSeq >= due else { return }
        if replay.model.isPartial {
            // A partial model cannot be saved: the whole store is loaded once, so the
            // tail that later report-only commands replay stays short.
            let full: FileStore
            do { full = try FileStore(paths: paths, actor: actor, clock: clock, policy: policy, ops: ops) } catch {
                logger.warning("could not load the store to refresh its snapshot: \(error.description)")
                return
            }
            full.snapshotEvery = snapshotEvery
            full.close(snapshotAfter: minimum)
            snapshotSeq = replay.lastSeq
            return
        }
        FileStore.writeSnapshot(replay, endOffset: writer.committedEnd, to: paths.snapshot, ops: ops, logger: logger)
        snapshotSeq = replay.lastSeq
        snapshotRejected = false
    }

    private static func writeSnapshot(_ r: Replay, endOffset: UInt64, to path: String, ops: FileOps, logger: Logger) {
        guard let bytes = SnapshotLoader.encode(r, endOffset: endOffset) else { return }
        do { try SnapshotFile.write(bytes, to: path, ops: ops) } catch {
            // A snapshot is only a shortcut: failing to write one loses nothing.
            logger.warning("could not write snapshot: \(error.description)")
            return
        }
        SnapshotHistory.keep(StorePaths(directory: (path as NSString).deletingLastPathComponent), lastSeq: r.lastSeq, at: r.model.now)
    }

    // MARK: Reading

    public func refresh() throws(StoreError) -> [StoredEvent] {
        do throws(StoreError) {
            if needsReload || writer.isReplaced { try reload() }
            let records: [LogRecord]
            do { records = try writer.readAhead() } catch { throw StoreError(error) }
            let events = try replay.apply(records)
            replay.model.advance(to: clock.now())
            return events
        } catch { throw error.classified }
    }

    public func history(of caseNumber: String) -> [UInt64] { replay.history(of: caseNumber) }

    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        try replay.events(in: range) { (off: UInt64) throws(LogError) in try writer.record(at: off) }
    }

    // MARK: Writing

    public func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        do { return try executeLocked(commands, acting, rejected: rejected) } catch { throw error.classified }
    }

    private func executeLocked(_ commands: [Command], _ acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        if needsReload { try reload() }
        try lockFresh()
        defer { writer.unlock() }
        let caught: [LogRecord]
        do { caught = try writer.catchUp() } catch { throw StoreError(error) }
        if let repair = writer.lastRepair { logger.warning("\(repair)") }
        _ = try replay.apply(caught)
        let now = clock.now()
        replay.model.advance(to: now)
        var batch = BatchBuilder(lastSeq: replay.lastSeq, head: replay.head, actor: acting.actor, now: now, access: acting.access)
        do { try batch.decide(commands, on: &replay.model, rejected: rejected) } catch {
            // The model saw the batch's earlier commands applied: rebuild it before next use.
            if !batch.events.isEmpty { needsReload = true }
            throw .domain(error)
        }
        if !batch.events.isEmpty {
            let offsets: [UInt64]
            do { offsets = try writer.append(batch.payloads) } catch {
                needsReload = true
                throw StoreError(error)
            }
            for (e, off) in zip(batch.events, offsets) { replay.note(e, offset: off) }
        }
        // A refusal is recorded (above) and then reported.
        if let refused = batch.refused { throw .domain(refused) }
        return batch.events
    }

    /// Takes the lock; if `recover` replaced the file meanwhile, reopens and reloads first.
    private func lockFresh() throws(StoreError) {
        do { try writer.lock() } catch {
            guard case .replaced = error else { throw StoreError(error) }
            try reload()
            do { try writer.lock() } catch { throw StoreError(error) }
        }
    }
}
