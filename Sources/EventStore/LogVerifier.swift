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

    public var description: String { describe(place: "byte offset") }

    /// The problem in words, with places called `place` ("byte offset", "position").
    public func describe(place: String) -> String {
        switch self {
        case .damaged(let o, let r): "damaged record at \(place) \(o): \(r)"
        case .undecodable(let o, let r): "undecodable record at \(place) \(o): \(r)"
        case .sequence(let o, let e, let f): "sequence gap at \(place) \(o): expected \(e), found \(f)"
        case .tampered(let s, let o): "record \(s) at \(place) \(o) was tampered with: its content does not match its hash"
        case .chainBroken(let s, let o): "record \(s) at \(place) \(o) does not chain to the record before it"
        case .anchorMissing(let h): "anchor \(h) is not a record hash in this store"
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

    /// A start just after event `seq` (whose hash is `head`), found at `offset`.
    public init(offset: UInt64, seq: UInt64, head: [UInt8]) { self.offset = offset; self.seq = seq; self.head = head }

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

/// A store's events as stored, in order, with where each is: for `verify` and `migrate`,
/// which check and copy the exact bytes without building a model.
public protocol RawEventSource: AnyObject {
    /// What a record's place is called in messages: "byte offset" in a log file, "position" elsewhere.
    var placeName: String { get }
    /// The next records (a page at a time); empty at the end.
    func nextRecords() throws(StoreError) -> [RawRecord]
    /// An unfinished batch found at the end, if the store can have one.
    var pendingTail: String? { get }
}

/// One stored event: its place in the store and its envelope bytes.
public struct RawRecord: Sendable {
    public var place: UInt64
    public var payload: [UInt8]

    /// A record at `place`.
    public init(place: UInt64, payload: [UInt8]) { self.place = place; self.payload = payload }
}

/// A log file's records, read in chunks, for `verify` and `migrate`.
public final class LogRecordSource: RawEventSource {
    private let reader: LogReader
    public let placeName = "byte offset"

    /// Reads the log at `path` from `offset` (its first record by default).
    public init(path: String, from offset: UInt64 = UInt64(LogFormat.headerSize)) throws(StoreError) {
        do { reader = try LogReader(path: path) } catch { throw .log(error) }
        reader.resume(at: offset)
    }

    public func nextRecords() throws(StoreError) -> [RawRecord] {
        do { return try reader.readNew(chunk: 8 << 20).map { RawRecord(place: $0.offset, payload: $0.payload) } } catch {
            throw .log(error)
        }
    }

    public var pendingTail: String? { reader.pendingTail }
}

/// Checks framing, checksums, sequence and the hash chain of a store.
public enum LogVerifier {
    /// Verifies the log at `path` from `start` (the whole log by default), reading it in
    /// chunks; with `anchor`, also checks that hash is in the part verified.
    public static func verify(path: String, anchor: String? = nil, from start: VerifyStart = .beginning) throws(StoreError) -> VerifyReport {
        try verify(LogRecordSource(path: path, from: start.offset), anchor: anchor, from: start)
    }

    /// Verifies what `source` holds after `start`: every record decodes, follows the
    /// one before in sequence, matches its hash and links to the one before.
    public static func verify(_ source: any RawEventSource, anchor: String? = nil, from start: VerifyStart = .beginning) throws(StoreError) -> VerifyReport {
        var chain = ChainCheck(after: start.seq, head: start.head, anchor: anchor)
        while true {
            let records: [RawRecord]
            do { records = try source.nextRecords() } catch {
                if case .log(.corrupt(_, let o, let why)) = error { chain.report.problem = .damaged(offset: o, reason: why); return chain.report }
                throw error
            }
            if records.isEmpty { break }
            for r in records where !chain.accept(r) { return chain.report }
        }
        chain.report.tornTail = source.pendingTail
        chain.finish()
        return chain.report
    }
}

/// The running check of a chain, record by record, as `verify` and `migrate` read it.
public struct ChainCheck: Sendable {
    /// What has been found so far.
    public internal(set) var report = VerifyReport()
    private var prev: [UInt8]
    private let anchor: String?

    /// A check of records that follow event `seq`, whose hash is `head`.
    public init(after seq: UInt64 = 0, head: [UInt8] = EnvelopeCodec.genesis, anchor: String? = nil) {
        report.lastSeq = seq
        report.head = hexString(head)
        prev = head
        self.anchor = anchor?.lowercased()
    }

    /// Checks the next record; false (and `report.problem` set) if it is not sound.
    public mutating func accept(_ r: RawRecord) -> Bool {
        if let p = ChainCheck.problem(r, after: report.lastSeq, prev: prev) { report.problem = p; return false }
        prev = Array(r.payload[(r.payload.count - 32)...])
        report.records += 1
        report.lastSeq += 1
        report.head = hexString(prev)
        if let anchor, report.head == anchor { report.anchorFound = true }
        return true
    }

    /// Ends the check: an anchor that was asked for and never seen is a problem.
    public mutating func finish() {
        if let anchor, report.anchorFound != true, report.problem == nil {
            report.anchorFound = false
            report.problem = .anchorMissing(anchor)
        }
    }

    /// The problem with record `r`, which must follow `seq` and chain to `prev`, if any.
    private static func problem(_ r: RawRecord, after seq: UInt64, prev: [UInt8]) -> VerifyProblem? {
        let e: StoredEvent
        do { e = try EnvelopeCodec.decode(r.payload) } catch { return .undecodable(offset: r.place, reason: error.description) }
        guard e.seq == seq + 1 else { return .sequence(offset: r.place, expected: seq + 1, found: e.seq) }
        guard Array(SHA256.hash(data: r.payload[0..<(r.payload.count - 32)])) == e.hash else { return .tampered(seq: e.seq, offset: r.place) }
        guard e.prevHash == prev else { return .chainBroken(seq: e.seq, offset: r.place) }
        return nil
    }
}
