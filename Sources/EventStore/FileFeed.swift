import DispatchCore
import EventLog
import Logging

/// A read-only feed over a store's log file: opens it `O_RDONLY`, takes no lock,
/// and has no code path that writes. Works for a user who may only read the store.
public final class FileFeed: CaseFeed {
    private var reader: LogReader
    private var replay: Replay
    private let clock: DispatchClock
    private let policy: Policy
    private let logger = Logger(label: "gridwatch.feed")
    private let watch: LogWatch
    /// The store's paths.
    public let paths: StorePaths

    /// Opens the store at `paths` read-only and replays its log.
    public init(paths: StorePaths, clock: DispatchClock = SystemClock(), policy: Policy = .defaults) throws(StoreError) {
        self.paths = paths
        watch = LogWatch(path: paths.log)
        self.clock = clock
        self.policy = policy
        reader = try FileFeed.open(paths)
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        do { try load() } catch { throw error.classified }
    }

    /// Starts from the snapshot when the log agrees with it, then reads the rest in chunks.
    private func load() throws(StoreError) {
        let r = reader
        var rejected = false
        let resume = SnapshotLoader.start(into: &replay, paths, policy: policy, now: clock.now(), logger: logger, rejected: &rejected) {
            (off: UInt64) throws(LogError) in try r.record(at: off)
        }
        if let resume { reader.resume(at: resume) }
        try replay.applyAll { () throws(LogError) in try r.readNew(chunk: SnapshotLoader.replayChunk) }
        replay.model.advance(to: clock.now())
    }

    private static func open(_ paths: StorePaths) throws(StoreError) -> LogReader {
        do { return try LogReader(path: paths.log) } catch {
            if case .io(_, _, 2) = error { throw .notFound(path: paths.directory) }
            throw StoreError(error)
        }
    }

    public var model: Model { replay.model }
    public var lastSeq: UInt64 { replay.lastSeq }
    public var headHash: String { hexString(replay.head) }
    public var location: String { paths.directory }

    public func refresh() throws(StoreError) -> [StoredEvent] {
        do throws(StoreError) {
            if reader.isReplaced {
                // `recover` swapped in a new file: start again from it, and watch it.
                reader = try FileFeed.open(paths)
                watch.reset()
                try load()
                return []
            }
            let records: [LogRecord]
            do { records = try reader.readNew() } catch { throw StoreError(error) }
            let events = try replay.apply(records)
            replay.model.advance(to: clock.now())
            return events
        } catch { throw error.classified }
    }

    /// Why the last refresh stopped short of the end of the file (a batch still being written).
    public var pendingTail: String? { reader.pendingTail }

    public func history(of caseNumber: String) -> [UInt64] { replay.history(of: caseNumber) }

    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        try replay.events(in: range) { (off: UInt64) throws(LogError) in try reader.record(at: off) }
    }

    public var changeDescriptor: Int32 { watch.descriptor }
    public func takeChanges() -> Bool { watch.take() }
    public var pollInterval: Int32 { watch.pollInterval }
    public func lastHeartbeat() -> Instant? { paths.lastHeartbeat() }
    public func close() { watch.reset() }
}
