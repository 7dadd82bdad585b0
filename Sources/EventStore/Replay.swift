import DispatchCore
import EventLog

/// Folds log records into a model, tracking the sequence and hash chain head.
struct Replay {
    var model: Model
    var lastSeq: UInt64 = 0
    var head: [UInt8] = EnvelopeCodec.genesis
    /// Sequence numbers per case, for the case timeline.
    var history: [String: [UInt64]] = [:]
    /// (sequence, file offset) of every record in order, to read events back.
    var offsets: [(seq: UInt64, offset: UInt64)] = []

    init(model: Model) { self.model = model }

    /// Decodes and applies records; returns the decoded events.
    mutating func apply(_ records: [LogRecord]) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        out.reserveCapacity(records.count)
        for r in records {
            let e: StoredEvent
            do { e = try EnvelopeCodec.decode(r.payload) } catch {
                throw .badRecord(offset: r.offset, reason: error.description)
            }
            model.apply(e.event)
            note(e, offset: r.offset)
            out.append(e)
        }
        return out
    }

    /// Events with sequence numbers in `range`, read back through `record(at:)`.
    func events(in range: ClosedRange<UInt64>, record: (UInt64) throws(LogError) -> LogRecord) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        for seq in range {
            guard let off = offset(of: seq) else { continue }
            let rec: LogRecord
            do { rec = try record(off) } catch { throw .log(error) }
            out.append(try EnvelopeCodec.decode(rec.payload))
        }
        return out
    }

    /// The file offset of the record with sequence number `seq`.
    func offset(of seq: UInt64) -> UInt64? {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if offsets[mid].seq < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets.count && offsets[lo].seq == seq ? offsets[lo].offset : nil
    }

    /// Records an event this process applied itself.
    mutating func note(_ e: StoredEvent, offset: UInt64) {
        lastSeq = max(lastSeq, e.seq)
        offsets.append((e.seq, offset))
        head = e.hash
        if let c = e.event.body.caseNumber { history[c, default: []].append(e.seq) }
    }
}
