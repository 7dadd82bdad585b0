import Foundation

/// Records addressable by position without decoding the others: a count, one 64-bit
/// offset per record, then the records. Sorted by a leading key, it is also a lookup
/// table searched in place, which is how a one-shot command reads a few entries of a
/// large snapshot.
struct RecordTable: Sendable {
    let bytes: [UInt8]
    let count: Int
    private let base: Int

    /// Encodes records (each already encoded) in the order given.
    static func encode(_ records: [[UInt8]]) -> [UInt8] {
        var w = BinaryWriter(capacity: 8 + records.count * 8 + records.reduce(0) { $0 + $1.count })
        w.fixed64(UInt64(records.count))
        var offset: UInt64 = 0
        for r in records { w.fixed64(offset); offset += UInt64(r.count) }
        for r in records { w.raw(r) }
        return w.bytes
    }

    /// A table over `bytes`; checks the offsets are in range and ascending.
    init(_ bytes: [UInt8]) throws(StoreError) {
        var r = BinaryReader(bytes)
        let n = try r.fixed64()
        guard n <= UInt64(bytes.count / 8) else { throw .decode("record table count \(n) out of range") }
        self.bytes = bytes
        count = Int(n)
        base = 8 + count * 8
        guard base <= bytes.count else { throw .decode("record table truncated") }
        var last: UInt64 = 0
        for _ in 0..<count {
            let o = try r.fixed64()
            guard o >= last, o <= UInt64(bytes.count - base) else { throw .decode("record table offset out of range") }
            last = o
        }
    }

    private func offset(_ i: Int) -> Int {
        var v = 0
        for k in 0..<8 { v |= Int(bytes[8 + i * 8 + k]) << (8 * k) }
        return base + v
    }

    /// A reader over record `i`.
    func record(_ i: Int) -> BinaryReader {
        BinaryReader(bytes, from: offset(i), to: i + 1 < count ? offset(i + 1) : bytes.count)
    }

    /// Every record in order, read sequentially.
    var all: BinaryReader { BinaryReader(bytes, from: base, to: bytes.count) }

    /// In a table sorted by a leading length-prefixed key: a reader just past the key of
    /// the record whose key is `key`, if there is one.
    func find(_ key: [UInt8]) -> BinaryReader? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            var r = record(mid)
            guard let k = try? r.bytesField() else { return nil }
            if k.lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count else { return nil }
        var r = record(lo)
        guard let k = try? r.bytesField(), k.elementsEqual(key) else { return nil }
        return r
    }
}

extension BinaryWriter {
    /// A length-prefixed byte string (a table key).
    mutating func bytesField(_ b: [UInt8]) {
        varint(UInt64(b.count))
        raw(b)
    }
}

extension BinaryReader {
    /// A length-prefixed byte string, as a slice of the underlying bytes.
    mutating func bytesField() throws(StoreError) -> ArraySlice<UInt8> {
        let n = try count(limit: end - at)
        defer { at += n }
        return bytes[at..<(at + n)]
    }
}
