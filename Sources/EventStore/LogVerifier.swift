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

/// Checks framing, checksums, sequence and the hash chain of a whole log.
public enum LogVerifier {
    /// Verifies the log at `path`; with `anchor`, also checks that hash is in the chain.
    public static func verify(path: String, anchor: String? = nil) throws(StoreError) -> VerifyReport {
        let bytes: [UInt8]
        do { bytes = try LogInspector.body(of: path) } catch { throw .log(error) }
        let base = UInt64(LogFormat.headerSize)
        let scan = LogScanner.scan(bytes, base: base)
        var report = VerifyReport()
        var prev = EnvelopeCodec.genesis
        let anchor = anchor?.lowercased()
        for r in scan.records {
            let e: StoredEvent
            do { e = try EnvelopeCodec.decode(r.payload) } catch {
                report.problem = .undecodable(offset: r.offset, reason: error.description); return report
            }
            guard e.seq == report.lastSeq + 1 else {
                report.problem = .sequence(offset: r.offset, expected: report.lastSeq + 1, found: e.seq); return report
            }
            guard Array(SHA256.hash(data: r.payload[0..<(r.payload.count - 32)])) == e.hash else {
                report.problem = .tampered(seq: e.seq, offset: r.offset); return report
            }
            guard e.prevHash == prev else { report.problem = .chainBroken(seq: e.seq, offset: r.offset); return report }
            prev = e.hash
            report.records += 1
            report.lastSeq = e.seq
            if let anchor, hexString(e.hash) == anchor { report.anchorFound = true }
        }
        report.head = hexString(prev)
        switch scan.stop {
        case .clean: break
        case .tail(_, let why): report.tornTail = why
        case .corrupt(let o, let why): report.problem = .damaged(offset: o, reason: why); return report
        }
        if let anchor, report.anchorFound != true {
            report.anchorFound = false
            report.problem = .anchorMissing(anchor)
        }
        return report
    }
}
