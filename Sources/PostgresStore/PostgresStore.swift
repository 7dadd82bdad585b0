import DispatchCore
import EventStore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL store: one ordered, hash-chained event stream shared by consoles,
/// walls and commands on any number of hosts, behind the same protocols as the file
/// store. Rows hold the exact envelope bytes the file log holds.
///
/// Appending is one call of `gridwatch.append`, which takes a transaction-scoped
/// advisory lock, refuses if the stream is not at the head this handle decided
/// against, checks the links and inserts: positions are head + 1 under the lock, so a
/// reader that checks `position == last + 1` can never skip a late commit. When the
/// head has moved, the handle catches up and decides again. When the connection drops
/// during an append, it reconnects and asks by event id whether the batch landed,
/// so a batch is never appended twice.
///
/// Synchronous: each call blocks the calling thread on postgres-nio's event loop
/// (see `CaseFeed`), so it must not be called from an event loop.
public final class PostgresStore: CaseStore {
    private let pg: PostgresLocation
    private let link: PGLink
    private var listener: PGListener?
    private var replay: Replay
    private let clock: DispatchClock
    private let policy: Policy
    private var needsReload = false
    private let logger = Logger(label: "gridwatch.postgres")
    private let snapshots = SnapshotJob()
    /// The position of the newest snapshot this handle loaded or saved.
    private var snapshotSeq: UInt64 = 0
    /// How many new events make a snapshot due.
    public var snapshotEvery: UInt64 = 20_000
    /// The position of the snapshot the model was last started from (0: none, the whole stream was read).
    public private(set) var startedAtSnapshot: UInt64 = 0
    public let actor: String
    public var access: AccessCheck?
    /// Rows read per query when catching up.
    static let page = 2000

    /// Opens the store at `location` as `actor`: from the newest snapshot that matches
    /// the stream, then the events after it.
    public init(location: PostgresLocation, actor: String, clock: DispatchClock = SystemClock(), policy: Policy = .defaults) throws(StoreError) {
        pg = location
        link = PGLink(location)
        self.actor = actor
        self.clock = clock
        self.policy = policy
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        try PostgresSchema.check(link)
        start()
        _ = try catchUp(collect: false)
    }

    /// Starts the replay again from the newest usable snapshot, or from nothing.
    private func start() {
        replay = Replay(model: Model(policy: policy, now: clock.now()))
        if let r = PostgresSnapshots.load(link: link, policy: policy, logger: logger) { replay = r }
        snapshotSeq = replay.lastSeq
        startedAtSnapshot = replay.lastSeq
        needsReload = false
    }

    deinit { listener?.stop() }

    private func run(_ q: PostgresQuery, seconds: Double? = nil) throws(StoreError) -> [PostgresRow] {
        do { return try link.query(q, seconds: seconds) } catch { throw error.storeError(pg) }
    }

    /// A page of rows comes back in milliseconds on a working link; a console waits
    /// this long, at most, before it says the store is lost.
    static let readTimeout = 4.0

    /// The listener's word that the server cannot be reached, as a store error: the
    /// console, the wall and the sweeper then fail at once rather than each waiting out
    /// a timeout while the link is down.
    private var knownUnreachable: StoreError? {
        listener?.unreachable.map { .unavailable($0) }
    }

    public var model: Model { replay.model }
    public var lastSeq: UInt64 { replay.lastSeq }
    public var headHash: String { hexString(replay.head) }
    public var location: String { pg.description }

    // MARK: Reading

    /// Applies what the stream holds after `lastSeq`, a page at a time, checking that
    /// each row is the next position and links to the one before: anything else is
    /// corruption, reported, never waited for.
    /// `collect`: return the events applied (a refresh); opening needs none, and keeping
    /// a whole stream's events would double what a first open holds in memory.
    private func catchUp(collect: Bool = true) throws(StoreError) -> [StoredEvent] {
        if needsReload { start() }
        // From nothing (no usable snapshot), the counts and queues are built once at the end.
        if replay.lastSeq == 0 { replay.model.deferProjections() }
        defer { replay.model.resumeProjections() }
        var out: [StoredEvent] = []
        while true {
            let rows = try run("SELECT position, envelope FROM gridwatch.events WHERE position > \(Int64(replay.lastSeq)) ORDER BY position LIMIT \(Self.page)",
                               seconds: Self.readTimeout)
            for row in rows {
                let e = try decodeRow(row, expecting: replay.lastSeq + 1)
                guard e.prevHash == replay.head else { throw .corrupt("\(pg): event \(e.seq) does not link to event \(replay.lastSeq)") }
                replay.apply(e, position: e.seq)
                if collect { out.append(e) }
            }
            if rows.count < Self.page { break }
        }
        replay.model.advance(to: clock.now())
        caughtUpAt = ContinuousClock.now
        return out
    }

    private func decodeRow(_ row: PostgresRow, expecting seq: UInt64?) throws(StoreError) -> StoredEvent {
        let position: Int64, bytes: ByteBuffer
        do { (position, bytes) = try row.decode((Int64, ByteBuffer).self) } catch { throw .corrupt("\(pg): unreadable row: \(error)") }
        let e: StoredEvent
        do { e = try EnvelopeCodec.decode(Array(buffer: bytes), checkHash: true) } catch {
            throw .corrupt("\(pg): event at position \(position) is damaged: \(error.description)")
        }
        guard e.seq == UInt64(position), seq.map({ $0 == e.seq }) ?? true else {
            throw .corrupt("\(pg): expected event \(seq ?? 0), found position \(position) holding event \(e.seq)")
        }
        return e
    }

    /// When a lost server may next be asked again, and what it said last; the wait
    /// doubles up to `maxBackoff`, so a console does not stall on every poll while the
    /// server is away.
    private var retry: (at: ContinuousClock.Instant, wait: Double, error: StoreError)?
    static let maxBackoff = 16.0

    public func refresh() throws(StoreError) -> [StoredEvent] {
        if let down = knownUnreachable { throw down }
        if let r = retry, ContinuousClock.now < r.at { throw r.error }
        do {
            let new = try catchUp()
            retry = nil
            return new
        } catch .unavailable(let why) {
            let wait = min((retry?.wait ?? 0.5) * 2, Self.maxBackoff)
            retry = (ContinuousClock.now + .milliseconds(Int(wait * 1000)), wait, .unavailable(why))
            throw .unavailable(why)
        }
    }

    public func history(of caseNumber: String) -> [UInt64] { replay.history(of: caseNumber) }

    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        let rows = try run("SELECT position, envelope FROM gridwatch.events WHERE position BETWEEN \(Int64(range.lowerBound)) AND \(Int64(min(range.upperBound, UInt64(Int64.max)))) ORDER BY position")
        var out: [StoredEvent] = []
        for row in rows { out.append(try decodeRow(row, expecting: nil)) }
        return out
    }

    // MARK: Writing

    /// Decides `commands` and appends the result in one call of the append function.
    /// The first try decides against the model as it stands when nothing says the
    /// stream moved since it was last read: one round trip. If another writer got there
    /// first, the handle takes the append lock, catches up and decides again while
    /// holding it, so a busy stream costs one restart at most.
    public func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        if let why = listener?.unreachable { throw .unavailable("\(why); nothing was written, try again when the store is back") }
        for attempt in 0..<2 {
            let locked = attempt > 0
            if locked { try beginLocked() }
            do throws(StoreError) {
                if locked || !isCurrent { _ = try catchUp() }
                let head = replay.lastSeq
                var batch = BatchBuilder(lastSeq: head, head: replay.head, actor: acting.actor, now: clock.now(), access: acting.access)
                do throws(DomainError) { try batch.decide(commands, on: &replay.model, rejected: rejected) } catch {
                    if !batch.events.isEmpty { needsReload = true }
                    throw .domain(error)
                }
                guard !batch.events.isEmpty else {
                    if locked { _ = try? link.query("ROLLBACK") }
                    if let refused = batch.refused { throw .domain(refused) }
                    return []
                }
                switch try append(batch, after: head, commit: locked) {
                case .landed:
                    for e in batch.events { replay.note(e, offset: e.seq) }
                    // A refusal is recorded (above) and then reported.
                    if let refused = batch.refused { throw .domain(refused) }
                    return batch.events
                case .headMoved:
                    // The model saw this batch applied: start again from the stream, and
                    // decide again, since the commands may no longer apply.
                    needsReload = true
                }
            } catch {
                if locked { _ = try? link.query("ROLLBACK") }
                throw error
            }
        }
        throw .conflict("\(pg): the stream moved while this batch was decided under the append lock; nothing was written, try again")
    }

    /// Opens a transaction holding the append lock: no other writer can move the head
    /// until it ends (the append function takes the same lock again, which it already has).
    private func beginLocked() throws(StoreError) {
        _ = try run("BEGIN")
        do throws(StoreError) { _ = try run("SELECT pg_advisory_xact_lock(hashtext('gridwatch.events'))") } catch {
            _ = try? link.query("ROLLBACK")
            throw error
        }
    }

    /// When the model was last caught up with the stream.
    private var caughtUpAt = ContinuousClock.now

    /// Whether nothing says the stream moved since the model was last caught up: the
    /// listener is listening and has nothing pending (notifications come in commit
    /// order), or, with no listener, the model was read a moment ago. A wrong guess
    /// costs one refused append, never a wrong record: the function checks the head.
    private var isCurrent: Bool {
        if needsReload { return false }
        if let l = listener, l.listening { return !l.pending }
        return ContinuousClock.now - caughtUpAt < .milliseconds(200)
    }

    private enum Outcome { case landed, headMoved }

    /// One call of the append function (and, with `commit`, the end of the locked
    /// transaction). After a lost connection, asks by the first event's id whether the
    /// batch landed: it is one transaction, so it landed whole or not at all.
    private func append(_ batch: BatchBuilder, after head: UInt64, commit: Bool) throws(StoreError) -> Outcome {
        do {
            try link.append(after: head, batch.events, payloads: batch.payloads)
            if commit { try link.query("COMMIT") }
            return .landed
        } catch .refused(let state, _) where state == "GW409" {
            return .headMoved
        } catch .lost(let why) {
            logger.warning("connection lost during an append (\(why)); asking whether the batch landed")
            guard let landed = try landedAfterReconnect(batch.events[0].id) else {
                needsReload = true
                // The server did not answer again: the batch is there whole or not at all,
                // and only the server knows which. Never report it as not written.
                throw .unavailable("\(why); the server did not answer again, so whether the batch landed is unknown (it is there whole or not at all); look before retrying (gridwatch case show), or retry with the same --external-id")
            }
            return landed ? .landed : .headMoved
        } catch {
            needsReload = true
            throw error.storeError(pg)
        }
    }

    /// Whether the event with `id` is in the stream, reconnecting for up to about ten
    /// seconds; nil if the server could not be reached.
    private func landedAfterReconnect(_ id: UUID) throws(StoreError) -> Bool? {
        var wait = 0.1
        for _ in 0..<8 {
            if let rows = try? link.query("SELECT position FROM gridwatch.events WHERE event_id = \(id)") { return !rows.isEmpty }
            Thread.sleep(forTimeInterval: wait)
            wait = min(wait * 2, 3)
        }
        return nil
    }

    // MARK: Change, liveness, maintenance

    private var notifications: PGListener {
        if let listener { return listener }
        let l = PGListener(pg)
        listener = l
        return l
    }

    public var changeDescriptor: Int32 { notifications.descriptor }
    public func takeChanges() -> Bool { notifications.take() }
    // LISTEN does not reach a standby or pass a transaction pooler: poll as well.
    public var pollInterval: Int32 { 1000 }

    /// The heartbeat as last read, and when: walls ask every second, and a heartbeat
    /// only matters after 30 s, so one that was seen is read again at most every 5 s.
    private var beat: (read: ContinuousClock.Instant, at: Instant)?

    public func lastHeartbeat() -> Instant? {
        if let beat, ContinuousClock.now - beat.read < .seconds(5) || knownUnreachable != nil { return beat.at }
        guard let rows = try? run("SELECT (extract(epoch FROM at) * 1000)::bigint FROM gridwatch.heartbeat WHERE id = 1", seconds: Self.readTimeout) else {
            return beat?.at
        }
        guard let ms = try? rows.first?.decode(Int64.self) else { return nil }
        beat = (ContinuousClock.now, Instant(ms: ms))
        return Instant(ms: ms)
    }

    public func heartbeat() {
        guard knownUnreachable == nil else { return }
        _ = try? run("SELECT gridwatch.beat()")
    }

    /// Starts saving a snapshot in the background, on a connection of its own, if
    /// `snapshotEvery` events came since the last one. The replay is copied, so the
    /// caller carries on at once.
    public func maintain() {
        guard replay.lastSeq >= snapshotSeq + snapshotEvery else { return }
        let r = replay, location = pg, log = logger
        if snapshots.start({ PostgresStore.saveSnapshot(r, link: PGLink(location), logger: log, drop: true) }) { snapshotSeq = r.lastSeq }
    }

    private static func saveSnapshot(_ r: Replay, link: PGLink, logger: Logger, drop: Bool) {
        do { try PostgresSnapshots.save(r, link: link) } catch {
            // A snapshot is only a shortcut: failing to save one loses nothing.
            logger.warning("could not save a snapshot: \(error.storeError(link.location).description)")
        }
        if drop { link.drop() }
    }

    /// Waits for a background snapshot, saves one if at least `minimum` events (nil:
    /// `snapshotEvery`) came since the last, and lets go of the connections.
    public func close(snapshotAfter minimum: UInt64?) {
        snapshots.wait()
        if replay.lastSeq > snapshotSeq, replay.lastSeq - snapshotSeq >= (minimum ?? snapshotEvery) {
            PostgresStore.saveSnapshot(replay, link: link, logger: logger, drop: false)
            snapshotSeq = replay.lastSeq
        }
        listener?.stop()
        listener = nil
        link.drop()
    }

    public func close() { close(snapshotAfter: nil) }
}
