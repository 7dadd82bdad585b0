import DispatchCore
import EventLog

/// Folds stored events into a model, tracking the sequence and hash chain head, and
/// where each event is, so it can be read back. Every store builds its model with one.
public struct Replay: Sendable {
    public var model: Model
    public internal(set) var lastSeq: UInt64 = 0
    public internal(set) var head: [UInt8] = EnvelopeCodec.genesis
    /// Sequence numbers per case since the snapshot (all of them without one), for the
    /// case timeline, by case index: a replay already knows the index, and looking a case
    /// number up again once an event cost a twentieth of a replay.
    var caseHistory: [[UInt64]] = []
    /// The same for events naming a case the model did not hold when they were applied
    /// (an archived case in a partial model, an event before its case's report).
    var otherHistory: [String: [UInt64]] = [:]
    /// (sequence, file offset) of every record since the snapshot, to read events back.
    var offsets: [(seq: UInt64, offset: UInt64)] = []
    /// What the snapshot recorded of the events before it.
    var base = ReplayIndex.empty

    /// An empty replay into `model`.
    public init(model: Model) { self.model = model }

    /// Applies one event read from a store, found at `position` (a byte offset in a log
    /// file, the sequence number elsewhere).
    public mutating func apply(_ e: StoredEvent, position: UInt64) {
        let i = model.apply(e.event)
        note(e, offset: position, caseIndex: i)
    }

    /// Continues from a snapshot, taking its arrays over without copying them.
    init(snapshot s: consuming Snapshot, policy: Policy) {
        lastSeq = s.header.lastSeq
        head = s.header.head
        base = s.index
        let image = s.image, reports = s.reports
        s.image.cases = []
        s.reports = [:]
        model = Model(image: consume image, policy: policy, reports: consume reports)
    }

    /// Sequence numbers of a case's events, oldest first.
    public func history(of number: String) -> [UInt64] {
        let i = model.caseIndex(of: number)
        let old = i.map { base.history(ofCase: $0) } ?? []
        let new = i.flatMap { $0 < caseHistory.count ? caseHistory[$0] : nil } ?? []
        return old + Replay.merged(new, otherHistory[number])
    }

    /// A case's sequence numbers from both tables, in order.
    private static func merged(_ byIndex: [UInt64], _ other: [UInt64]?) -> [UInt64] {
        guard let other, !other.isEmpty else { return byIndex }
        return (byIndex + other).sorted()
    }

    /// Every case's history and every record's offset, for the next snapshot.
    func fullIndex() -> [UInt8] {
        let histories = model.cases.indices.map { i in
            base.history(ofCase: i) + Replay.merged(i < caseHistory.count ? caseHistory[i] : [],
                                                    otherHistory.isEmpty ? nil : otherHistory[model.cases[i].number])
        }
        return ReplayIndex.encode(offsets: base.offsets + offsets, histories: histories)
    }

    /// Decodes and applies records; returns the decoded events.
    mutating func apply(_ records: [LogRecord]) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        out.reserveCapacity(records.count)
        for r in records {
            let e: StoredEvent
            do { e = try EnvelopeCodec.decode(r.payload) } catch {
                throw .badRecord(offset: r.offset, reason: error.description)
            }
            let i = model.apply(e.event)
            note(e, offset: r.offset, caseIndex: i)
            out.append(e)
        }
        return out
    }

    /// Applies what `read` returns until it returns nothing: a long log a chunk at a
    /// time, so it is never all in memory. Each chunk is decoded on a second core while
    /// this one applies the chunk before it (decoding is about a sixth of a replay).
    mutating func applyAll(_ read: () throws(LogError) -> [LogRecord]) throws(StoreError) {
        // From the start of the log (no snapshot), the projections are built once at the
        // end; after a snapshot they were built from it and the tail is applied to them.
        // A report-only model holds no cases either, but its tail is short, and building
        // every unit's empty queues again would cost a raise more than the tail does.
        if model.cases.isEmpty, !model.isPartial { model.deferProjections() }
        defer { model.resumeProjections() }
        var pending: (records: [LogRecord], decoded: SideTask<[StoredEvent]>)?
        while true {
            let records: [LogRecord]
            do { records = try read() } catch { throw .log(error) }
            let next = records.isEmpty ? nil : (records, SideTask { () throws(StoreError) in try Replay.decode(records) })
            if let (previous, decoded) = pending { try apply(previous, decoded: decoded) }
            guard let next else { return }
            pending = next
        }
    }

    /// Decodes records without applying them, naming the first bad one.
    private static func decode(_ records: [LogRecord]) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        out.reserveCapacity(records.count)
        for r in records {
            do { out.append(try EnvelopeCodec.decode(r.payload)) } catch {
                throw .badRecord(offset: r.offset, reason: error.description)
            }
        }
        return out
    }

    /// Applies a chunk decoded in the background. If it held a bad record, the chunk is
    /// applied again one record at a time, so that everything before the bad record is
    /// applied and the same error is thrown as without the second core.
    private mutating func apply(_ records: [LogRecord], decoded: SideTask<[StoredEvent]>) throws(StoreError) {
        let events: [StoredEvent]
        do { events = try decoded.value() } catch {
            _ = try apply(records)
            throw error
        }
        for (e, r) in zip(events, records) {
            let i = model.apply(e.event)
            note(e, offset: r.offset, caseIndex: i)
        }
    }

    /// Events with sequence numbers in `range`, read back through `record(at:)`.
    func events(in range: ClosedRange<UInt64>, record: (UInt64) throws(LogError) -> LogRecord) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        for seq in range {
            guard let off = offset(of: seq) else { continue }
            let rec: LogRecord
            do { rec = try record(off) } catch { throw .log(error) }
            out.append(try EnvelopeCodec.decode(rec.payload))
        }
        return out
    }

    /// The file offset of the record with sequence number `seq`.
    func offset(of seq: UInt64) -> UInt64? {
        base.offset(of: seq) ?? Replay.search(offsets, seq)
    }

    /// Binary search of (sequence, offset) pairs sorted by sequence.
    static func search(_ offsets: [(seq: UInt64, offset: UInt64)], _ seq: UInt64) -> UInt64? {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if offsets[mid].seq < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets.count && offsets[lo].seq == seq ? offsets[lo].offset : nil
    }

    /// Records an event this process applied itself.
    public mutating func note(_ e: StoredEvent, offset: UInt64) {
        note(e, offset: offset, caseIndex: nil)
    }

    /// Records an event; `caseIndex` is the case `Model.apply` said it touched (looked
    /// up by number when nil).
    mutating func note(_ e: StoredEvent, offset: UInt64, caseIndex: Int32?) {
        lastSeq = max(lastSeq, e.seq)
        offsets.append((e.seq, offset))
        head = e.hash
        guard let c = e.event.body.caseNumber else { return }
        guard let i = caseIndex.map(Int.init) ?? model.caseIndex(of: c) else {
            otherHistory[c, default: []].append(e.seq)
            return
        }
        if i >= caseHistory.count { caseHistory.append(contentsOf: repeatElement([], count: i - caseHistory.count + 1)) }
        caseHistory[i].append(e.seq)
    }
}
