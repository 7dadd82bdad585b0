import Crypto
import EventLog

/// The first thing wrong with a log, as `verify` reports it.
public enum VerifyProblem: Equatable, Sendable, CustomStringConvertible {
    /// Framing or checksum damage at a byte offset.
    case damaged(offset: UInt64, reason: String)
    /// A record whose payload cannot be decoded.
    case undecodable(offset: UInt64, reason: String)
    /// A sequence number out of order.
    case sequence(offset: UInt64, expected: UInt64, found: UInt64)
    /// A record whose content does not match its hash: changed after it was written.
    case tampered(seq: UInt64, offset: UInt64)
    /// A record that does not chain to the one before it.
    case chainBroken(seq: UInt64, offset: UInt64)
    /// The anchored head hash is not in the log.
    case anchorMissing(String)

    public var description: String {
        switch self {
        case .damaged(let o, let r): "damaged record at byte offset \(o): \(r)"
        case .undecodable(let o, let r): "undecodable record at byte offset \(o): \(r)"
        case .sequence(let o, let e, let f): "sequence gap at byte offset \(o): expected \(e), found \(f)"
        case .tampered(let s, let o): "record \(s) at byte offset \(o) was tampered with: its content does not match its hash"
        case .chainBroken(let s, let o): "record \(s) at byte offset \(o) does not chain to the record before it"
        case .anchorMissing(let h): "anchor \(h) is not a record hash in this log"
        }
    }
}

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Records checked.
    public var records = 0
    /// The last sequence number.
    public var lastSeq: UInt64 = 0
    /// The head hash (hex).
    public var head = hexString(EnvelopeCodec.genesis)
    /// The first problem, if any.
    public var problem: VerifyProblem?
    /// An unfinished batch at the end (a writer died; never acknowledged; the next writer removes it).
    public var tornTail: String?
    /// Whether the anchor (if one was given) was found.
    public var anchorFound: Bool?
}

/// Where verification starts: the beginning of the log, or a snapshot's last record.
public struct VerifyStart: Sendable {
    /// The file offset of the first record to check.
    public var offset: UInt64
    /// The sequence number just before it.
    public var seq: UInt64
    /// The hash the first record must chain to.
    public var head: [UInt8]

    /// The whole log.
    public static let beginning = VerifyStart(offset: UInt64(LogFormat.headerSize), seq: 0, head: EnvelopeCodec.genesis)

    /// Just after the store's snapshot, if it has one that matches the log.
    public static func afterSnapshot(_ paths: StorePaths) -> (VerifyStart?, problem: String?) {
        let (snap, problem) = SnapshotReader.header(paths.snapshot)
        guard let h = snap else { return (nil, problem ?? "no snapshot") }
        let reader: LogReader
        do { reader = try LogReader(path: paths.log) } catch { return (nil, error.description) }
        do { try SnapshotFile.check(h) { (off: UInt64) throws(LogError) in try reader.record(at: off) } } catch {
            return (nil, SnapshotReader.describe(error))
        }
        return (VerifyStart(offset: h.endOffset, seq: h.lastSeq, head: h.head), nil)
    }
}

/// Checks framing, checksums, sequence and the hash chain of a log.
public enum LogVerifier {
    /// Verifies the log at `path` from `start` (the whole log by default), reading it in
    /// chunks; with `anchor`, also checks that hash is in the part verified.
    public static func verify(path: String, anchor: String? = nil, from start: VerifyStart = .beginning) throws(StoreError) -> VerifyReport {
        let reader: LogReader
        do { reader = try LogReader(path: path) } catch { throw .log(error) }
        reader.resume(at: start.offset)
        var report = VerifyReport()
        report.lastSeq = start.seq
        var prev = start.head
        let anchor = anchor?.lowercased()
        while true {
            let records: [LogRecord]
            do { records = try reader.readNew(chunk: 8 << 20) } catch {
                if case .corrupt(_, let o, let why) = error { report.problem = .damaged(offset: o, reason: why); return report }
                throw .log(error)
            }
            if records.isEmpty { break }
            for r in records {
                if let p = check(r, after: report.lastSeq, prev: prev) { report.problem = p; return report }
                prev = Array(r.payload[(r.payload.count - 32)...])
                report.records += 1
                report.lastSeq += 1
                if let anchor, hexString(prev) == anchor { report.anchorFound = true }
            }
        }
        report.head = hexString(prev)
        report.tornTail = reader.pendingTail
        if let anchor, report.anchorFound != true {
            report.anchorFound = false
            report.problem = .anchorMissing(anchor)
        }
        return report
    }

    /// The problem with record `r`, which must follow `seq` and chain to `prev`, if any.
    private static func check(_ r: LogRecord, after seq: UInt64, prev: [UInt8]) -> VerifyProblem? {
        let e: StoredEvent
        do { e = try EnvelopeCodec.decode(r.payload) } catch { return .undecodable(offset: r.offset, reason: error.description) }
        guard e.seq == seq + 1 else { return .sequence(offset: r.offset, expected: seq + 1, found: e.seq) }
        guard Array(SHA256.hash(data: r.payload[0..<(r.payload.count - 32)])) == e.hash else { return .tampered(seq: e.seq, offset: r.offset) }
        guard e.prevHash == prev else { return .chainBroken(seq: e.seq, offset: r.offset) }
        return nil
    }
}
