import DispatchCore

/// Snapshots for stores that are not a log file (PostgreSQL): the same bytes as
/// `snapshot.bin`, with sequence numbers where the file store keeps byte offsets, so
/// a snapshot made from a file store's model is never taken for one of these.
public enum StreamSnapshot {
    /// The snapshot bytes of `replay`; nil when there is nothing to save (an empty or
    /// partial model).
    public static func encode(_ replay: Replay) -> [UInt8]? {
        SnapshotLoader.encode(replay, endOffset: replay.lastSeq)
    }

    /// Where the snapshot in `bytes` stands: its last event and that event's hash.
    /// Checks the header (format, schema, checksums, `limits`) without decoding the rest.
    public static func position(of bytes: [UInt8], limits: TimeLimits) throws(StoreError) -> (seq: UInt64, head: [UInt8]) {
        let h = try header(bytes, limits: limits)
        return (h.lastSeq, h.head)
    }

    /// A replay continuing from the snapshot in `bytes`. The caller checks first that
    /// the stream still holds the event the snapshot names, with the same hash.
    public static func replay(from bytes: [UInt8], policy: Policy) throws(StoreError) -> Replay {
        _ = try header(bytes, limits: policy.limits)
        let snap = try SnapshotFile.decode(MemorySource(bytes: bytes), size: UInt64(bytes.count), limits: policy.limits)
        return Replay(snapshot: snap, policy: policy)
    }

    private static func header(_ bytes: [UInt8], limits: TimeLimits) throws(StoreError) -> SnapshotHeader {
        let h = try SnapshotFile.header(Array(bytes.prefix(SnapshotFile.headerSize)), limits: limits, fileSize: UInt64(bytes.count))
        guard h.lastRecordOffset == h.lastSeq, h.endOffset == h.lastSeq else {
            throw .decode("a log file's snapshot, not a stream's (its positions are byte offsets)")
        }
        return h
    }
}
