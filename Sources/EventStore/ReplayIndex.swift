import Foundation

/// Where each event before a snapshot sits in the log, and which events each case
/// had: what a replay would have built, kept in the snapshot and decoded only when
/// first asked for (a one-shot `raise` never asks).
final class ReplayIndex: @unchecked Sendable {
    private let bytes: [UInt8]
    private let lock = NSLock()
    private var decoded: (offsets: [(seq: UInt64, offset: UInt64)], starts: [Int], seqs: [UInt64])?
    /// Cases covered by the per-case history (the model's first `caseCount` cases).
    let caseCount: Int

    /// An index over encoded bytes, checked for shape when first decoded.
    init(bytes: [UInt8], caseCount: Int) {
        self.bytes = bytes
        self.caseCount = caseCount
    }

    /// An empty index: no snapshot.
    static let empty = ReplayIndex(bytes: [0, 0], caseCount: 0)

    /// Encodes record offsets and per-case histories (case `i`'s sequence numbers at `i`).
    static func encode(offsets: [(seq: UInt64, offset: UInt64)], histories: [[UInt64]]) -> [UInt8] {
        var w = BinaryWriter(capacity: offsets.count * 4 + histories.count * 8)
        w.varint(UInt64(offsets.count))
        var seq: UInt64 = 0, off: UInt64 = 0
        for o in offsets { w.varint(o.seq &- seq); w.varint(o.offset &- off); seq = o.seq; off = o.offset }
        w.varint(UInt64(histories.count))
        for h in histories {
            w.varint(UInt64(h.count))
            var prev: UInt64 = 0
            for s in h { w.varint(s &- prev); prev = s }
        }
        return w.bytes
    }

    private func table() -> (offsets: [(seq: UInt64, offset: UInt64)], starts: [Int], seqs: [UInt64]) {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return decoded }
        // The bytes passed the snapshot's checksum; a decode failure here means a bug,
        // and an empty index only costs the timeline of old cases, never a record.
        let d = (try? ReplayIndex.decode(bytes)) ?? ([], [0], [])
        decoded = d
        return d
    }

    private static func decode(_ bytes: [UInt8]) throws(StoreError) -> (offsets: [(seq: UInt64, offset: UInt64)], starts: [Int], seqs: [UInt64]) {
        var r = BinaryReader(bytes)
        let n = try r.count(limit: bytes.count)
        var offsets: [(seq: UInt64, offset: UInt64)] = []
        offsets.reserveCapacity(n)
        var seq: UInt64 = 0, off: UInt64 = 0
        for _ in 0..<n {
            seq &+= try r.varint(); off &+= try r.varint()
            offsets.append((seq, off))
        }
        let cases = try r.count(limit: bytes.count)
        var starts: [Int] = [0], seqs: [UInt64] = []
        starts.reserveCapacity(cases + 1)
        for _ in 0..<cases {
            let k = try r.count(limit: bytes.count)
            var prev: UInt64 = 0
            for _ in 0..<k { prev &+= try r.varint(); seqs.append(prev) }
            starts.append(seqs.count)
        }
        return (offsets, starts, seqs)
    }

    /// Offsets of every record the snapshot covers, in order.
    var offsets: [(seq: UInt64, offset: UInt64)] { table().offsets }

    /// The sequence numbers of case `i` up to the snapshot.
    func history(ofCase i: Int) -> [UInt64] {
        guard i >= 0, i < caseCount else { return [] }
        let t = table()
        guard i + 1 < t.starts.count else { return [] }
        return Array(t.seqs[t.starts[i]..<t.starts[i + 1]])
    }

    /// The offset of record `seq`, if the snapshot covers it.
    func offset(of seq: UInt64) -> UInt64? {
        Replay.search(table().offsets, seq)
    }
}
