import DispatchCore
#if canImport(Glibc)
import Glibc
#endif

/// A store held in memory: the same protocols, numbering, envelopes and hash chain
/// as the file store, with nothing on disk. For tests (several handles on one
/// `MemoryStream` behave like several processes) and for `gridwatch demo --store memory:`.
public final class MemoryStore: CaseStore {
    private let stream: MemoryStream
    private var replay: Replay
    private let clock: DispatchClock
    private let policy: Policy
    private var subscription: Int32 = -1
    private var needsReload = false
    public let actor: String
    public var access: AccessCheck?

    /// Opens a handle on `stream`, replaying what it holds.
    public init(stream: MemoryStream, actor: String, clock: DispatchClock = SystemClock(), policy: Policy = .defaults) throws(StoreError) {
        self.stream = stream
        self.actor = actor
        self.clock = clock
        self.policy = policy
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        subscription = stream.subscribe()
        _ = try catchUp()
    }

    deinit { stream.unsubscribe(subscription) }

    /// A new stream registered with `commands` (units and agencies), and a handle on it.
    public static func create(actor: String, commands: [Command], clock: DispatchClock = SystemClock(),
                              policy: Policy = .defaults, name: String = "demo") throws(StoreError) -> MemoryStore {
        let store = try MemoryStore(stream: MemoryStream(name: name), actor: actor, clock: clock, policy: policy)
        _ = try store.execute(commands, rejected: nil)
        return store
    }

    public var model: Model { replay.model }
    public var lastSeq: UInt64 { replay.lastSeq }
    public var headHash: String { hexString(replay.head) }
    public var location: String { "memory:\(stream.name)" }

    /// Applies what the stream holds after `lastSeq`, checking that each event follows
    /// the one before it: anything else is corruption, reported, never skipped.
    private func catchUp() throws(StoreError) -> [StoredEvent] {
        if needsReload {
            replay = Replay(model: Model(policy: policy, now: clock.now()))
            needsReload = false
        }
        var out: [StoredEvent] = []
        for payload in stream.read(from: replay.lastSeq + 1) {
            let e = try EnvelopeCodec.decode(payload, checkHash: true)
            guard e.seq == replay.lastSeq + 1, e.prevHash == replay.head else {
                throw .corrupt("\(location): event \(e.seq) does not follow event \(replay.lastSeq) in the chain")
            }
            replay.apply(e, position: e.seq)
            out.append(e)
        }
        replay.model.advance(to: clock.now())
        return out
    }

    public func refresh() throws(StoreError) -> [StoredEvent] { try catchUp() }

    public func history(of caseNumber: String) -> [UInt64] { replay.history(of: caseNumber) }

    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        let upper = min(range.upperBound, replay.lastSeq)
        guard range.lowerBound <= upper else { return [] }
        var out: [StoredEvent] = []
        for p in stream.read(from: range.lowerBound, limit: Int(upper - range.lowerBound + 1)) {
            out.append(try EnvelopeCodec.decode(p))
        }
        return out
    }

    public func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        try stream.withWriterLock { () throws(StoreError) -> [StoredEvent] in
            _ = try catchUp()
            var batch = BatchBuilder(lastSeq: replay.lastSeq, head: replay.head, actor: acting.actor, now: clock.now(), access: acting.access)
            do throws(DomainError) { try batch.decide(commands, on: &replay.model, rejected: rejected) } catch {
                if !batch.events.isEmpty { needsReload = true }
                throw .domain(error)
            }
            guard batch.events.isEmpty || stream.append(batch.payloads, after: replay.lastSeq) else {
                needsReload = true
                throw .conflict("\(location) moved on while a batch was decided; nothing was written, try again")
            }
            for e in batch.events { replay.note(e, offset: e.seq) }
            if let refused = batch.refused { throw .domain(refused) }
            return batch.events
        }
    }

    public var changeDescriptor: Int32 { subscription }

    public func takeChanges() -> Bool {
        guard subscription >= 0 else { return true }
        var buf = [UInt8](repeating: 0, count: 256)
        var any = false
        while read(subscription, &buf, buf.count) > 0 { any = true }
        return any
    }

    public var pollInterval: Int32 { 1000 }
    public func lastHeartbeat() -> Instant? { stream.lastHeartbeat }
    public func heartbeat() { stream.heartbeat(at: clock.now()) }
    public func maintain() {}

    public func close(snapshotAfter minimum: UInt64?) {
        stream.unsubscribe(subscription)
        subscription = -1
    }

    public func close() { close(snapshotAfter: nil) }
}
