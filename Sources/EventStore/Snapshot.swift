import DispatchCore
import EventLog
import Foundation

/// A model as of one record of the log, so that opening a store costs the snapshot
/// plus the records after it instead of the whole history.
///
/// A snapshot is only ever a shortcut: it is used when it names a record that the log
/// still holds with the same hash, and ignored (with a warning) when it is stale,
/// damaged, from another format or made under other time limits.
struct Snapshot: Sendable {
    /// The last event the snapshot includes.
    var lastSeq: UInt64
    /// That event's hash: the chain continues from here.
    var head: [UInt8]
    /// That event's record offset, to check the snapshot against the log.
    var lastRecordOffset: UInt64
    /// The log offset just past that record, where the tail starts.
    var endOffset: UInt64
    var image: ModelImage
    var index: ReplayIndex
}

/// Reads and writes `snapshot.bin`.
///
/// File: `GWSNAP01`, then fixed 64-bit little-endian fields (format version, event
/// schema version, time-limits fingerprint, last sequence, last record offset, end
/// offset), the 32-byte head hash, the image and index lengths, the image, the index,
/// and a CRC-32C of everything before it.
enum SnapshotFile {
    static let magic = Array("GWSNAP01".utf8)
    static let formatVersion: UInt64 = 1
    static let headerSize = 8 + 6 * 8 + 32 + 2 * 8

    /// A fingerprint of the time limits: indicator marks in the image depend on them.
    /// Built field by field in a fixed order: the limits hold dictionaries, whose
    /// printed order changes from one process to the next.
    static func fingerprint(_ limits: TimeLimits) -> UInt64 {
        var w = BinaryWriter()
        for level in RiskLevel.allCases { w.int(limits.acceptLimit(level).ms); w.int(limits.resolveLimit(level).ms) }
        w.int(limits.followUp.ms)
        return UInt64(w.bytes.withUnsafeBytes { Checksum.crc32c($0) })
    }

    /// The whole file for a model after the record `lastSeq` at `lastRecordOffset`.
    static func encode(model: Model, lastSeq: UInt64, head: [UInt8], lastRecordOffset: UInt64, endOffset: UInt64,
                       index: [UInt8]) -> [UInt8] {
        var body = BinaryWriter(capacity: 1 << 20)
        SnapshotCodec.encode(model.image, into: &body)
        var w = BinaryWriter(capacity: headerSize + body.bytes.count + index.count + 8)
        w.raw(magic)
        for v in [formatVersion, UInt64(EventCodec.schemaVersion), fingerprint(model.limits), lastSeq, lastRecordOffset, endOffset] {
            w.fixed64(v)
        }
        w.raw(head)
        w.fixed64(UInt64(body.bytes.count)); w.fixed64(UInt64(index.count))
        w.raw(body.bytes); w.raw(index)
        let crc = w.bytes.withUnsafeBytes { Checksum.crc32c($0) }
        w.fixed64(UInt64(crc))
        return w.bytes
    }

    /// Decodes a snapshot file; the error says why it cannot be used.
    static func decode(_ bytes: [UInt8], limits: TimeLimits) throws(StoreError) -> Snapshot {
        guard bytes.count >= headerSize + 8, Array(bytes[0..<8]) == magic else { throw .decode("not a gridwatch snapshot") }
        var r = BinaryReader(bytes, from: 8, to: bytes.count - 8)
        let format = try r.fixed64(), schema = try r.fixed64(), print = try r.fixed64()
        guard format == formatVersion else { throw .decode("snapshot format \(format), this build reads \(formatVersion)") }
        guard schema == UInt64(EventCodec.schemaVersion) else { throw .decode("snapshot of event schema \(schema), this build writes \(EventCodec.schemaVersion)") }
        var tail = BinaryReader(bytes, from: bytes.count - 8)
        let stored = try tail.fixed64()
        let crc = bytes.withUnsafeBytes { UInt64(Checksum.crc32c(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)]))) }
        guard stored == crc else { throw .decode("snapshot checksum mismatch (damaged file)") }
        guard print == fingerprint(limits) else { throw .decode("snapshot made under other time limits") }
        let lastSeq = try r.fixed64(), lastOffset = try r.fixed64(), endOffset = try r.fixed64()
        let head = try r.raw(32)
        let bodyLength = try r.fixed64(), indexLength = try r.fixed64()
        guard bodyLength <= UInt64(r.end - r.at), indexLength == UInt64(r.end - r.at) - bodyLength else {
            throw .decode("snapshot section lengths do not add up")
        }
        var body = BinaryReader(bytes, from: r.at, to: r.at + Int(bodyLength))
        let image = try SnapshotCodec.decode(&body)
        guard body.isAtEnd else { throw .decode("snapshot image has trailing bytes") }
        let index = ReplayIndex(bytes: Array(bytes[body.end..<r.end]), caseCount: image.cases.count)
        return Snapshot(lastSeq: lastSeq, head: head, lastRecordOffset: lastOffset, endOffset: endOffset,
                        image: image, index: index)
    }

    /// Checks that the log still holds the snapshot's last record, with the same hash.
    static func check(_ s: Snapshot, record: (UInt64) throws(LogError) -> LogRecord) throws(StoreError) {
        let rec: LogRecord
        do { rec = try record(s.lastRecordOffset) } catch { throw .decode("the log has no record at the snapshot's offset \(s.lastRecordOffset)") }
        let e = try EnvelopeCodec.decode(rec.payload)
        let end = rec.offset + UInt64(LogFormat.recordHeaderSize + rec.payload.count)
        guard e.seq == s.lastSeq, e.hash == s.head, end == s.endOffset else {
            throw .decode("snapshot does not match the log (seq \(s.lastSeq) differs; the log was replaced or recovered)")
        }
    }

    /// Writes `bytes` as the store's snapshot: a temporary file, fsync, rename over
    /// the old one, fsync the directory. A crash leaves the old snapshot or the new one.
    static func write(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let tmp = "\(path).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .log(.io(path: tmp, operation: "open", errno: errno)) }
        var failed: LogError?
        var done = 0
        while done < bytes.count, failed == nil {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno != EINTR { failed = .io(path: tmp, operation: "write", errno: errno) }
            if n > 0 { done += n }
        }
        if failed == nil, fsync(fd) != 0 { failed = .io(path: tmp, operation: "fsync", errno: errno) }
        close(fd)
        if failed == nil, rename(tmp, path) != 0 { failed = .io(path: path, operation: "rename", errno: errno) }
        if let failed {
            unlink(tmp)
            throw .log(failed)
        }
        do { try LogWriter.syncDirectory(of: path) } catch { throw .log(error) }
    }

    /// The snapshot at `path` for a store under `limits`, or why there is none to use.
    static func read(_ path: String, limits: TimeLimits) -> (Snapshot?, problem: String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, errno == ENOENT || !FileManager.default.fileExists(atPath: path) ? nil : "cannot read \(path)")
        }
        do { return (try decode([UInt8](data), limits: limits), nil) } catch {
            return (nil, "\(path): \(error.description)")
        }
    }
}
