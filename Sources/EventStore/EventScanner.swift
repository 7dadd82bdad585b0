import EventLog

/// Events read straight from a store, with no model built: for `events`, which only
/// prints them, and follows the store with `--follow`.
public protocol EventScan: AnyObject {
    /// Positions the scan so `next` returns events with sequence numbers above `seq`.
    func skip(through seq: UInt64)
    /// The last event's sequence number and hash (hex); (0, zeros) for an empty store.
    func head() throws(StoreError) -> (seq: UInt64, hash: String)
    /// The next events (a page at a time); empty at the end for now.
    func next() throws(StoreError) -> [StoredEvent]
    /// Waits up to `timeoutMs` for the store to grow (returns early when it may have).
    func waitForChange(timeoutMs: Int32)
}

/// Events read straight from the log. Starts after a snapshot's last record when asked
/// for later events, so `events --since` near the head of a long log reads only the tail.
public final class EventScanner: EventScan {
    private var waiter: ChangeWaiter?
    private var reader: LogReader
    private let paths: StorePaths
    private var after: UInt64 = 0

    /// Opens the store's log read-only.
    public init(paths: StorePaths) throws(StoreError) {
        self.paths = paths
        reader = try EventScanner.open(paths)
    }

    private static func open(_ paths: StorePaths) throws(StoreError) -> LogReader {
        do { return try LogReader(path: paths.log) } catch {
            if case .io(_, _, 2) = error { throw .notFound(path: paths.directory) }
            throw .log(error)
        }
    }

    /// The path of the log, for a change waiter.
    public var logPath: String { paths.log }

    /// Positions the scanner so `next` returns events with sequence numbers above `seq`.
    public func skip(through seq: UInt64) {
        after = seq
        let (start, _) = VerifyStart.afterSnapshot(paths)
        if let start, start.seq <= seq { reader.resume(at: start.offset) }
    }

    /// Positions the scanner at `offset`, just past the record of event `seq` (a
    /// snapshot's end), so `next` returns the events after it.
    public func resume(atOffset offset: UInt64, after seq: UInt64) {
        after = seq
        reader.resume(at: offset)
    }

    /// The last event's sequence number and hash (hex), reading only what follows the
    /// snapshot; (0, zeros) for an empty log.
    public func head() throws(StoreError) -> (seq: UInt64, hash: String) {
        let (start, _) = VerifyStart.afterSnapshot(paths)
        var last = (seq: start?.seq ?? 0, hash: hexString(start?.head ?? EnvelopeCodec.genesis))
        reader.resume(at: start?.offset ?? UInt64(LogFormat.headerSize))
        after = 0
        while true {
            let records: [LogRecord]
            do { records = try reader.readNew(chunk: 8 << 20) } catch { throw .log(error) }
            guard let r = records.last else { return last }
            let e: StoredEvent
            do { e = try EnvelopeCodec.decode(r.payload) } catch { throw .badRecord(offset: r.offset, reason: error.description) }
            last = (e.seq, hexString(e.hash))
        }
    }

    /// The next complete events (about 8 MB of log at a time); empty at the end for now.
    /// If `recover` replaced the log, carries on in the new file after the last event returned.
    public func next() throws(StoreError) -> [StoredEvent] {
        if reader.isReplaced {
            reader = try EventScanner.open(paths)
            skip(through: after)
        }
        while true {
            let records: [LogRecord]
            do { records = try reader.readNew(chunk: 8 << 20) } catch { throw .log(error) }
            if records.isEmpty { return [] }
            var out: [StoredEvent] = []
            for r in records where EnvelopeCodec.peekSeq(r.payload).map({ $0 > after }) ?? true {
                let e: StoredEvent
                do { e = try EnvelopeCodec.decode(r.payload) } catch { throw .badRecord(offset: r.offset, reason: error.description) }
                out.append(e)
            }
            if let last = out.last { after = max(after, last.seq) }
            if !out.isEmpty { return out }
        }
    }

    public func waitForChange(timeoutMs: Int32) {
        if waiter == nil { waiter = ChangeWaiter(path: paths.log) }
        _ = waiter?.wait(timeoutMs: timeoutMs)
    }
}
