import DispatchCore
import EventStore

/// A store frozen at a moment in its past (复盘): the model replayed from the log up to
/// that moment, for the console, `stats` and `handover`. Nothing can be written to it:
/// every command is refused, saying why.
public final class PastStore: CaseStore {
    public let model: Model
    public let lastSeq: UInt64
    public let headHash: String
    public let location: String
    /// `2026-12-04 09:00 · #2140`: the moment and the last event in it, for banners and notes.
    public let moment: String
    public var access: AccessCheck?
    public var actor: String { "" }
    /// The moment's time, stopped.
    public let pastClock: DispatchClock
    /// The case events up to the moment, by sequence, for the case timeline.
    private var caseEvents: [UInt64: StoredEvent]
    private var byCase: [String: [UInt64]]
    /// When the replay started from a snapshot: reads the case events before it, the
    /// first time a timeline needs them.
    private var older: (() -> [StoredEvent])?

    private init(model: Model, lastSeq: UInt64, headHash: String, location: String, moment: String,
                 caseEvents: [UInt64: StoredEvent], byCase: [String: [UInt64]], older: (() -> [StoredEvent])?) {
        self.model = model; self.lastSeq = lastSeq; self.headHash = headHash; self.location = location
        self.moment = moment; self.caseEvents = caseEvents; self.byCase = byCase; self.older = older
        pastClock = ManualClock(model.now)
    }

    /// Replays `scan` into a fresh model up to `until` (a time) or `seq`, whichever
    /// comes first, and brings the model's clock to that moment.
    /// With `start`, the scan is positioned after a snapshot and the model begins as the
    /// snapshot's; `older` then reads the case events before it, for timelines.
    public static func replay(_ scan: any EventScan, policy: Policy, until: Instant?, seq: UInt64?, location: String,
                              utcOffsetSeconds: Int, start: SnapshotHistory.Start? = nil,
                              older: (() -> [StoredEvent])? = nil) throws(StoreError) -> PastStore {
        var m = start?.model ?? Model(policy: policy, now: until ?? Instant(ms: 0))
        var last: StoredEvent?
        var caseEvents: [UInt64: StoredEvent] = [:], byCase: [String: [UInt64]] = [:]
        reading: while true {
            let batch = try scan.next()
            if batch.isEmpty { break }
            for e in batch {
                if let seq, e.seq > seq { break reading }
                if let until, e.event.at > until { break reading }
                m.apply(e.event)
                if let n = e.event.body.caseNumber {
                    caseEvents[e.seq] = e
                    byCase[n, default: []].append(e.seq)
                }
                last = e
            }
        }
        m.advance(to: until ?? last?.event.at ?? m.now)
        let when = TimeInput.format(m.now, utcOffsetSeconds: utcOffsetSeconds)
        let lastSeq = last?.seq ?? start?.lastSeq ?? 0
        let head = last.map { hexString($0.hash) } ?? start.map { hexString($0.head) } ?? ""
        return PastStore(model: m, lastSeq: lastSeq, headHash: head, location: location,
                         moment: "\(when) · #\(lastSeq)", caseEvents: caseEvents, byCase: byCase, older: start == nil ? nil : older)
    }

    public func refresh() throws(StoreError) -> [StoredEvent] { [] }
    public func history(of caseNumber: String) -> [UInt64] {
        loadOlder()
        return byCase[caseNumber] ?? []
    }

    private func loadOlder() {
        guard let read = older else { return }
        older = nil
        var before: [String: [UInt64]] = [:]
        for e in read() {
            guard let n = e.event.body.caseNumber, caseEvents[e.seq] == nil else { continue }
            caseEvents[e.seq] = e
            before[n, default: []].append(e.seq)
        }
        for (n, seqs) in before { byCase[n] = seqs + (byCase[n] ?? []) }
    }
    /// The case events in `range` (only case events are kept: they are what is read back).
    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        loadOlder()
        return range.count <= caseEvents.count ? range.compactMap { caseEvents[$0] }
            : caseEvents.values.filter { range.contains($0.seq) }.sorted { $0.seq < $1.seq }
    }
    public var changeDescriptor: Int32 { -1 }
    public func takeChanges() -> Bool { false }
    public var pollInterval: Int32 { 60_000 }
    public func lastHeartbeat() -> Instant? { nil }
    public func close() {}

    public func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        throw .domain(.accessDenied("this is a view of the past (\(moment)): nothing can be changed"))
    }
    public func heartbeat() {}
    public func maintain() {}
    public func close(snapshotAfter minimum: UInt64?) {}
}
