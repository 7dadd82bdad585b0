import DispatchCore
import EventStore
import Logging
import NIOCore
import PostgresNIO

/// Snapshots in the database: the model as of one event, saved in chunks in one
/// transaction and used only when the stream still holds that event with the same
/// hash, so opening a long stream reads the snapshot and the events after it.
enum PostgresSnapshots {
    /// Bytes a chunk holds: well under what one value may hold, small enough to send
    /// without holding up the connection for long.
    static let chunkSize = 1 << 20
    /// Chunks read per query when loading.
    static let chunksPerRead = 16

    /// Saves `replay` as a snapshot through `link`. Returns false when there was
    /// nothing to do: another writer was saving one, or a newer one is there.
    @discardableResult
    static func save(_ replay: Replay, link: PGLink) throws(PGFailure) -> Bool {
        guard let bytes = StreamSnapshot.encode(replay) else { return false }
        let parts = stride(from: 0, to: bytes.count, by: chunkSize).map { $0..<min($0 + chunkSize, bytes.count) }
        do throws(PGFailure) {
            try link.query("BEGIN")
            let rows = try link.query("SELECT gridwatch.snapshot_begin(\(Int64(replay.lastSeq)), \(ByteBuffer(bytes: replay.head)), \(Int64(bytes.count)), \(Int32(parts.count)))")
            guard let id = try? rows.first?.decode(Int64.self), id > 0 else {
                try link.query("ROLLBACK")
                return false
            }
            for (n, range) in parts.enumerated() {
                try link.query("SELECT gridwatch.snapshot_chunk(\(id), \(Int32(n)), \(ByteBuffer(bytes: bytes[range])))")
            }
            try link.query("COMMIT")
            return true
        } catch {
            _ = try? link.query("ROLLBACK")
            throw error
        }
    }

    /// A replay from the newest snapshot that matches the stream, or nil when there is
    /// none to use (with a warning when one was there but could not be used).
    static func load(link: PGLink, policy: Policy, logger: Logger) -> Replay? {
        do throws(PGFailure) {
            // The join keeps only snapshots whose event is in the stream with the same hash.
            let rows = try link.query("""
                SELECT s.id, s.last_seq, s.head, s.size, s.chunks FROM gridwatch.snapshots s
                JOIN gridwatch.events e ON e.position = s.last_seq AND e.hash = s.head
                ORDER BY s.last_seq DESC LIMIT 1
                """)
            guard let row = rows.first else { return nil }
            guard let (id, seq, head, size, chunks) = try? row.decode((Int64, Int64, ByteBuffer, Int64, Int32).self) else {
                logger.warning("ignoring snapshot: unreadable row; replaying the whole stream")
                return nil
            }
            let bytes = try read(id, chunks: Int(chunks), link: link)
            do throws(StoreError) {
                guard bytes.count == Int(size) else { throw .decode("snapshot \(id) holds \(bytes.count) bytes, not \(size)") }
                let at = try StreamSnapshot.position(of: bytes, limits: policy.limits)
                guard at.seq == UInt64(seq), at.head == Array(buffer: head) else { throw .decode("snapshot \(id) names another event than its row") }
                return try StreamSnapshot.replay(from: bytes, policy: policy)
            } catch {
                logger.warning("ignoring snapshot \(id): \(error.description); replaying the whole stream")
                return nil
            }
        } catch {
            logger.warning("could not read the snapshot (\(error)); replaying the whole stream")
            return nil
        }
    }

    /// The chunks of snapshot `id`, in order; short if a chunk is missing.
    private static func read(_ id: Int64, chunks: Int, link: PGLink) throws(PGFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var next = 0
        while next < chunks {
            let rows = try link.query("SELECT n, bytes FROM gridwatch.snapshot_chunks WHERE snapshot_id = \(id) AND n >= \(Int32(next)) ORDER BY n LIMIT \(Int32(chunksPerRead))")
            if rows.isEmpty { break }
            for row in rows {
                guard let (n, part) = try? row.decode((Int32, ByteBuffer).self), Int(n) == next else { return bytes }
                bytes.append(contentsOf: part.readableBytesView)
                next += 1
            }
        }
        return bytes
    }
}
