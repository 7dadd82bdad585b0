import DispatchCore
import EventStore
import NIOCore
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// The stream's rows read straight, with no model: for `events`, `verify` and
/// `migrate`. Positions are sequence numbers; each page is one query.
public final class PostgresStream: EventScan, RawEventSource {
    private let link: PGLink
    private var after: UInt64
    private var listener: PGListener?
    public let placeName = "position"
    public var pendingTail: String? { nil }

    /// Opens the stream at `location` for reading from its start.
    public init(location: PostgresLocation) throws(StoreError) {
        link = PGLink(location)
        after = 0
        try PostgresSchema.check(link)
    }

    deinit { close() }

    /// Lets go of the connection and the listener.
    public func close() {
        listener?.stop()
        listener = nil
        link.drop()
    }

    private func run(_ q: PostgresQuery) throws(StoreError) -> [PostgresRow] {
        do { return try link.query(q) } catch { throw error.storeError(link.location) }
    }

    // MARK: Raw records

    /// Starts the raw records after event `seq`.
    public func resume(after seq: UInt64) { after = seq }

    public func nextRecords() throws(StoreError) -> [RawRecord] {
        let rows = try run("SELECT position, envelope FROM gridwatch.events WHERE position > \(Int64(after)) ORDER BY position LIMIT \(PostgresStore.page)")
        var out: [RawRecord] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            guard let (position, bytes) = try? row.decode((Int64, ByteBuffer).self) else {
                throw .corrupt("\(link.location): unreadable row after position \(after)")
            }
            out.append(RawRecord(place: UInt64(position), payload: Array(buffer: bytes)))
            after = UInt64(position)
        }
        return out
    }

    /// The newest snapshot that matches the stream: where `verify --quick` starts.
    public func snapshotStart() throws(StoreError) -> VerifyStart? {
        let rows = try run("""
            SELECT s.last_seq, s.head FROM gridwatch.snapshots s
            JOIN gridwatch.events e ON e.position = s.last_seq AND e.hash = s.head ORDER BY s.last_seq DESC LIMIT 1
            """)
        guard let (seq, head) = try? rows.first?.decode((Int64, ByteBuffer).self) else { return nil }
        return VerifyStart(offset: UInt64(seq), seq: UInt64(seq), head: Array(buffer: head))
    }

    // MARK: Events

    public func skip(through seq: UInt64) { after = seq }

    public func head() throws(StoreError) -> (seq: UInt64, hash: String) {
        let rows = try run("SELECT position, hash FROM gridwatch.events ORDER BY position DESC LIMIT 1")
        guard let row = rows.first else { return (0, hexString(EnvelopeCodec.genesis)) }
        guard let (position, hash) = try? row.decode((Int64, ByteBuffer).self) else { throw .corrupt("\(link.location): unreadable head row") }
        return (UInt64(position), hexString(Array(buffer: hash)))
    }

    public func next() throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        for r in try nextRecords() {
            let e: StoredEvent
            do { e = try EnvelopeCodec.decode(r.payload, checkHash: true) } catch {
                throw .corrupt("\(link.location): event at position \(r.place) is damaged: \(error.description)")
            }
            guard e.seq == r.place else { throw .corrupt("\(link.location): position \(r.place) holds event \(e.seq)") }
            out.append(e)
        }
        return out
    }

    public func waitForChange(timeoutMs: Int32) {
        if listener == nil { listener = PGListener(link.location) }
        guard let l = listener else { return }
        var p = pollfd(fd: l.descriptor, events: Int16(POLLIN), revents: 0)
        if l.descriptor >= 0 { _ = poll(&p, 1, timeoutMs) } else { usleep(UInt32(timeoutMs) * 1000) }
        _ = l.take()
    }
}
