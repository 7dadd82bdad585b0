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
    var header: SnapshotHeader
    var image: ModelImage
    var reports: [ReportKey: [ReportMark]]
    var index: ReplayIndex
}

/// The parts of a snapshot a report-only command needs; the cases stay on disk.
struct PartialSnapshot: Sendable {
    var header: SnapshotHeader
    /// Units, agencies, early-warning episodes and counters; no cases.
    var core: ModelImage
    var archive: SnapshotArchive
}

/// The kinds of section in a snapshot file.
enum SnapshotSection: UInt64, CaseIterable {
    case core = 1, cases, warnings, reports, externalIds, numbers, index, lastWarned

    /// Block tables: the section's checksum covers their directory, which holds each block's.
    var isBlockTable: Bool { [.cases, .reports, .externalIds, .numbers, .lastWarned].contains(self) }
}

/// Where the snapshot stands in the log, and where its sections are in the file.
struct SnapshotHeader: Sendable {
    /// The last event the snapshot includes.
    var lastSeq: UInt64
    /// That event's hash: the chain continues from here.
    var head: [UInt8]
    /// That event's record offset, to check the snapshot against the log.
    var lastRecordOffset: UInt64
    /// The log offset just past that record, where the tail starts.
    var endOffset: UInt64
    /// Offset, length and CRC-32C of each section.
    var sections: [SnapshotSection: (offset: UInt64, length: UInt64, crc: UInt64)] = [:]
}

/// Reads and writes `snapshot.bin`.
///
/// File: `GWSNAP03`; fixed 64-bit little-endian fields (format version, event schema,
/// time-limits fingerprint, last sequence, last record offset, end offset); the 32-byte
/// head hash; the section count and, per section, kind, offset, length and CRC-32C; a
/// CRC-32C of the header; then the sections. Each section has its own checksum so a
/// one-shot command can read and check only the ones it needs.
enum SnapshotFile {
    static let magic = Array("GWSNAP03".utf8)
    static let formatVersion: UInt64 = 4
    static let fixedHeader = 8 + 6 * 8 + 32 + 8
    static var headerSize: Int { fixedHeader + SnapshotSection.allCases.count * 32 + 8 }

    /// Built field by field in a fixed order: the limits hold dictionaries, whose
    /// printed order changes from one process to the next.
    static func fingerprint(_ limits: TimeLimits) -> UInt64 {
        var w = BinaryWriter()
        for level in RiskLevel.allCases { w.int(limits.acceptLimit(level).ms); w.int(limits.resolveLimit(level).ms) }
        w.int(limits.followUp.ms)
        return UInt64(w.bytes.withUnsafeBytes { Checksum.crc32c($0) })
    }

    private static func crc(_ b: [UInt8]) -> UInt64 { UInt64(b.withUnsafeBytes { Checksum.crc32c($0) }) }

    private static func directoryCRC(_ table: [UInt8]) -> UInt64 {
        guard let n = try? BlockTable.directoryLength(Array(table.prefix(8))), 8 + n <= table.count else { return 0 }
        return crc(Array(table[8..<(8 + n)]))
    }

    /// The whole file for a model whose last record is described by `header`.
    /// `index` is called while the cases are encoded on a second core: the two are most
    /// of a snapshot's cost (a quarter of an `ingest` run wrote it on one core).
    static func encode(model: Model, header: SnapshotHeader, index: () -> [UInt8]) -> [UInt8] {
        let image = model.image
        let cases = image.cases
        let side = SideTask { () throws(StoreError) in SnapshotCodec.cases(cases) }
        let core = SnapshotCodec.core(image), warnings = SnapshotCodec.warnings(image.warnings)
        let reports = SnapshotCodec.reports(model.reportEntries), index = index()
        let externalIds = SnapshotCodec.externalIds(image.cases), numbers = SnapshotCodec.numbers(image.cases)
        // The side task cannot fail; were it ever to, the cases are encoded here instead.
        let caseBytes = (try? side.value()) ?? SnapshotCodec.cases(cases)
        let parts: [(SnapshotSection, [UInt8])] = [
            (.core, core), (.cases, caseBytes), (.warnings, warnings), (.reports, reports),
            (.externalIds, externalIds), (.numbers, numbers), (.index, index),
            (.lastWarned, SnapshotCodec.lastWarned(image.lastWarned)),
        ]
        var w = BinaryWriter(capacity: headerSize + parts.reduce(0) { $0 + $1.1.count })
        w.raw(magic)
        for v in [formatVersion, UInt64(EventCodec.schemaVersion), fingerprint(model.limits), header.lastSeq,
                  header.lastRecordOffset, header.endOffset] { w.fixed64(v) }
        w.raw(header.head)
        w.fixed64(UInt64(parts.count))
        var offset = UInt64(headerSize)
        for (kind, bytes) in parts {
            for v in [kind.rawValue, offset, UInt64(bytes.count), kind.isBlockTable ? directoryCRC(bytes) : crc(bytes)] { w.fixed64(v) }
            offset += UInt64(bytes.count)
        }
        w.fixed64(crc(w.bytes))
        for (_, bytes) in parts { w.raw(bytes) }
        return w.bytes
    }

    /// Parses and checks the header (the first `headerSize` bytes).
    /// Without `limits`, the time-limits fingerprint is not checked (enough to locate the snapshot in the log).
    static func header(_ bytes: [UInt8], limits: TimeLimits?, fileSize: UInt64) throws(StoreError) -> SnapshotHeader {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic || Array(bytes[0..<6]) == Array("GWSNAP".utf8) else {
            throw .decode("not a gridwatch snapshot")
        }
        var r = BinaryReader(bytes, from: 8)
        let format = try r.fixed64()
        guard format == formatVersion, Array(bytes[0..<8]) == magic else {
            throw .decode("snapshot format \(format), this build reads \(formatVersion)")
        }
        guard bytes.count >= headerSize else { throw .decode("snapshot header truncated") }
        var tail = BinaryReader(bytes, from: headerSize - 8, to: headerSize)
        guard try tail.fixed64() == crc(Array(bytes[0..<(headerSize - 8)])) else { throw .decode("snapshot header checksum mismatch (damaged file)") }
        let schema = try r.fixed64(), print = try r.fixed64()
        guard schema == UInt64(EventCodec.schemaVersion) else { throw .decode("snapshot of event schema \(schema), this build writes \(EventCodec.schemaVersion)") }
        if let limits, print != fingerprint(limits) { throw .decode("snapshot made under other time limits (another config file); the next writer with this one replaces it") }
        var h = SnapshotHeader(lastSeq: try r.fixed64(), head: [], lastRecordOffset: try r.fixed64(), endOffset: try r.fixed64())
        h.head = try r.raw(32)
        guard try r.fixed64() == UInt64(SnapshotSection.allCases.count) else { throw .decode("snapshot section count differs") }
        for _ in SnapshotSection.allCases {
            let kind = try r.fixed64(), offset = try r.fixed64(), length = try r.fixed64(), sum = try r.fixed64()
            guard let k = SnapshotSection(rawValue: kind), offset <= fileSize, length <= fileSize - offset else {
                throw .decode("snapshot section table out of range")
            }
            h.sections[k] = (offset, length, sum)
        }
        return h
    }

    /// The bytes of one section, read from `source` and checked against its CRC.
    static func section(_ kind: SnapshotSection, of h: SnapshotHeader, source: any ByteSource) throws(StoreError) -> [UInt8] {
        guard let s = h.sections[kind], !kind.isBlockTable else { throw .decode("snapshot has no \(kind) section") }
        let bytes = try source.read(s.offset, Int(s.length))
        guard bytes.count == Int(s.length), crc(bytes) == s.crc else { throw .decode("snapshot \(kind) section checksum mismatch (damaged file)") }
        return bytes
    }

    /// A block table section: its directory is read and checked now, its blocks when used.
    static func table(_ kind: SnapshotSection, of h: SnapshotHeader, source: any ByteSource) throws(StoreError) -> BlockTable {
        guard let s = h.sections[kind], kind.isBlockTable, s.length >= 8 else { throw .decode("snapshot has no \(kind) table") }
        let n = try BlockTable.directoryLength(try source.read(s.offset, 8))
        guard UInt64(n) <= s.length - 8 else { throw .decode("snapshot \(kind) directory out of range") }
        let directory = try source.read(s.offset + 8, n)
        guard directory.count == n, crc(directory) == s.crc else { throw .decode("snapshot \(kind) directory checksum mismatch (damaged file)") }
        return try BlockTable(directory: directory, sectionOffset: s.offset, sectionLength: s.length, source: source)
    }

    /// Decodes a whole snapshot file, a section (or a block) at a time, so the file is
    /// never in memory beside the model built from it.
    static func decode(_ source: any ByteSource, size: UInt64, limits: TimeLimits) throws(StoreError) -> Snapshot {
        let h = try header(try source.read(0, headerSize), limits: limits, fileSize: size)
        var image = try SnapshotCodec.decodeCore(try section(.core, of: h, source: source))
        let caseTable = try table(.cases, of: h, source: source)
        let caseCount = caseTable.count
        // The early-warning tables decode on a second core while this one decodes the cases.
        let units = image.units.count
        let side = SideTask { () throws(StoreError) in
            (try SnapshotCodec.decodeReports(try table(.reports, of: h, source: source), units: units, cases: caseCount),
             try SnapshotCodec.decodeLastWarned(try table(.lastWarned, of: h, source: source), units: units))
        }
        let cases = Result { () throws(StoreError) in try SnapshotCodec.decodeCases(caseTable) }
        let (reports, lastWarned) = try side.value()
        image.cases = try cases.get()
        guard image.cases.count == caseCount else { throw .decode("snapshot case count differs") }
        image.lastWarned = lastWarned
        image.warnings = try SnapshotCodec.decodeWarnings(try section(.warnings, of: h, source: source))
        let index = ReplayIndex(bytes: try section(.index, of: h, source: source), caseCount: image.cases.count)
        return Snapshot(header: h, image: image, reports: reports, index: index)
    }

    /// The header, core and table directories, for a report-only open: the cases and
    /// the blocks of the tables stay in `source` until looked up.
    static func partial(_ source: any ByteSource, size: UInt64, limits: TimeLimits) throws(StoreError) -> PartialSnapshot {
        let h = try header(try source.read(0, headerSize), limits: limits, fileSize: size)
        let core = try SnapshotCodec.decodeCore(try section(.core, of: h, source: source))
        let archive = SnapshotArchive(reports: try table(.reports, of: h, source: source),
                                      externalIds: try table(.externalIds, of: h, source: source),
                                      numbers: try table(.numbers, of: h, source: source),
                                      lastWarned: try table(.lastWarned, of: h, source: source))
        return PartialSnapshot(header: h, core: core, archive: archive)
    }

    /// Checks that the log still holds the snapshot's last record, with the same hash.
    static func check(_ h: SnapshotHeader, record: (UInt64) throws(LogError) -> LogRecord) throws(StoreError) {
        let rec: LogRecord
        do { rec = try record(h.lastRecordOffset) } catch { throw .decode("the log has no record at the snapshot's offset \(h.lastRecordOffset)") }
        let e = try EnvelopeCodec.decode(rec.payload)
        let end = rec.offset + UInt64(LogFormat.recordHeaderSize + rec.payload.count)
        guard e.seq == h.lastSeq, e.hash == h.head, end == h.endOffset else {
            throw .decode("snapshot does not match the log (seq \(h.lastSeq) differs; the log was replaced or recovered)")
        }
    }

    /// Writes `bytes` as the store's snapshot: a temporary file, fsync, rename over
    /// the old one, fsync the directory. A crash leaves the old snapshot or the new one,
    /// and a failure leaves no temporary file.
    static func write(_ bytes: [UInt8], to path: String, ops: FileOps) throws(StoreError) {
        do { try DurableFile.replace(path, with: [bytes], ops: ops) } catch { throw StoreError(error) }
    }
}

/// The second decoding thread's result; the semaphore orders its write before the read.
