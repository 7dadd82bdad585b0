import DispatchCore
import Foundation

/// Appends the compact binary encoding used for event bodies and envelopes:
/// LEB128 varints, zigzag for signed values, length-prefixed UTF-8 strings.
struct BinaryWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 128) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func varint(_ v: UInt64) {
        var x = v
        while x >= 0x80 { bytes.append(UInt8(x & 0x7F) | 0x80); x >>= 7 }
        bytes.append(UInt8(x))
    }

    mutating func int(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func fixed64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(v >> (8 * UInt64(i)) & 0xFF)) } }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            varint(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }

    mutating func strings(_ a: [String]) {
        varint(UInt64(a.count))
        for s in a { string(s) }
    }
}

/// Reads what `BinaryWriter` wrote, refusing anything truncated or out of range.
struct BinaryReader {
    let bytes: [UInt8]
    var at: Int
    let end: Int

    init(_ bytes: [UInt8], from: Int = 0, to: Int? = nil) {
        self.bytes = bytes; at = from; end = to ?? bytes.count
    }

    var isAtEnd: Bool { at == end }

    mutating func u8() throws(StoreError) -> UInt8 {
        guard at < end else { throw .decode("truncated body") }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func varint() throws(StoreError) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 64 else { throw .decode("varint too long") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws(StoreError) -> Int64 {
        let u = try varint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func count(limit: Int) throws(StoreError) -> Int {
        let n = try varint()
        guard n <= UInt64(max(0, limit)), n <= UInt64(end - at) else { throw .decode("length \(n) out of range") }
        return Int(n)
    }

    mutating func fixed64() throws(StoreError) -> UInt64 {
        guard end - at >= 8 else { throw .decode("truncated body") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return v
    }

    mutating func raw(_ n: Int) throws(StoreError) -> [UInt8] {
        guard end - at >= n else { throw .decode("truncated body") }
        defer { at += n }
        return Array(bytes[at..<(at + n)])
    }

    mutating func string() throws(StoreError) -> String {
        let n = try count(limit: end - at)
        let s = bytes.withUnsafeBufferPointer { b in UTF8Text.decode(UnsafeBufferPointer(rebasing: b[at..<(at + n)])) }
        guard let s else { throw .decode("invalid UTF-8") }
        at += n
        return s
    }

    mutating func strings() throws(StoreError) -> [String] {
        let n = try count(limit: end - at)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}
