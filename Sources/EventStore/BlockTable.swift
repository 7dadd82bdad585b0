import EventLog
import Foundation

/// Where a table's bytes come from: the snapshot in memory, or its file read on demand.
protocol ByteSource: Sendable {
    /// `count` bytes at file offset `offset`; fewer only at the end of the file.
    func read(_ offset: UInt64, _ count: Int) throws(StoreError) -> [UInt8]
}

/// Records in checksummed blocks of about 32 kB, with a directory of each block's first
/// key. A lookup reads and checks the directory and one block, so a one-shot command
/// touches a few kilobytes of a snapshot whose tables run to tens of megabytes.
///
/// Section: directory length (fixed64), then the directory: record count, block count,
/// and per block its first record's index, offset in the section, length, CRC-32C and
/// first key; then the blocks, each a `RecordTable`. Records sorted by a leading
/// length-prefixed key can be found by key; any table can be read by position.
struct BlockTable: Sendable {
    static let blockBytes = 32 << 10

    private struct Block: Sendable {
        var first: Int
        var offset: UInt64
        var length: Int
        var crc: UInt32
        var key: [UInt8]
    }

    private let blocks: [Block]
    private let source: any ByteSource
    private let sectionOffset: UInt64
    /// Number of records.
    let count: Int

    /// Encodes `records` (keys empty for a positional table) in the order given.
    static func encode(_ records: [(key: [UInt8], record: [UInt8])]) -> [UInt8] {
        var chunks: [[(key: [UInt8], record: [UInt8])]] = [[]]
        var size = 0
        for r in records {
            if size + r.record.count > blockBytes, !(chunks.last?.isEmpty ?? true) { chunks.append([]); size = 0 }
            chunks[chunks.count - 1].append(r)
            size += r.record.count + 8
        }
        if chunks.last?.isEmpty ?? false { chunks.removeLast() }
        let bodies = chunks.map { RecordTable.encode($0.map(\.record)) }
        var dir = BinaryWriter()
        dir.fixed64(UInt64(records.count)); dir.fixed64(UInt64(chunks.count))
        let keyBytes = chunks.reduce(0) { $0 + ($1.first?.key.count ?? 0) + 10 }
        let directoryLength = 16 + chunks.count * 32 + keyBytes
        var offset = UInt64(8 + directoryLength), first = 0
        var keys = BinaryWriter()
        for (chunk, body) in zip(chunks, bodies) {
            for v in [UInt64(first), offset, UInt64(body.count), UInt64(body.withUnsafeBytes { Checksum.crc32c($0) })] { dir.fixed64(v) }
            keys.bytesField(chunk.first?.key ?? [])
            offset += UInt64(body.count); first += chunk.count
        }
        // Keys go after the fixed part; the directory length is padded to what was reserved.
        dir.raw(keys.bytes)
        dir.raw([UInt8](repeating: 0, count: max(0, directoryLength - dir.bytes.count)))
        var w = BinaryWriter(capacity: 8 + directoryLength + bodies.reduce(0) { $0 + $1.count })
        w.fixed64(UInt64(directoryLength))
        w.raw(dir.bytes)
        for b in bodies { w.raw(b) }
        return w.bytes
    }

    /// The directory's length, read from the first 8 bytes of the section.
    static func directoryLength(_ first8: [UInt8]) throws(StoreError) -> Int {
        var r = BinaryReader(first8)
        let n = try r.fixed64()
        guard n <= UInt64(Int32.max) else { throw .decode("block table directory too large") }
        return Int(n)
    }

    /// A table whose (already checked) `directory` was read from the section at
    /// `sectionOffset`; blocks are read from `source` when needed.
    init(directory: [UInt8], sectionOffset: UInt64, sectionLength: UInt64, source: any ByteSource) throws(StoreError) {
        var r = BinaryReader(directory)
        let records = try r.fixed64(), n = try r.fixed64()
        // Every record takes at least its 8-byte offset and a byte: a count beyond what the
        // section can hold is damage, and must not size an allocation.
        guard n <= UInt64(directory.count / 32), records <= sectionLength / 9 else { throw .decode("block table directory out of range") }
        var fixed: [(UInt64, UInt64, UInt64, UInt64)] = []
        for _ in 0..<n { fixed.append((try r.fixed64(), try r.fixed64(), try r.fixed64(), try r.fixed64())) }
        var blocks: [Block] = []
        var previous = 0
        for (first, offset, length, crc) in fixed {
            let key = Array(try r.bytesField())
            guard first <= records, Int(first) >= previous, offset <= sectionLength, length <= sectionLength - offset, crc <= UInt64(UInt32.max) else {
                throw .decode("block table entry out of range")
            }
            previous = Int(first)
            blocks.append(Block(first: Int(first), offset: offset, length: Int(length), crc: UInt32(crc), key: key))
        }
        self.blocks = blocks
        self.count = Int(records)
        self.sectionOffset = sectionOffset
        self.source = source
    }

    /// Block `i` as a record table, checked against its CRC.
    private func block(_ i: Int) throws(StoreError) -> RecordTable {
        let b = blocks[i]
        let bytes = try source.read(sectionOffset + b.offset, b.length)
        guard bytes.count == b.length, bytes.withUnsafeBytes({ Checksum.crc32c($0) }) == b.crc else {
            throw .decode("snapshot table block checksum mismatch (damaged file)")
        }
        let t = try RecordTable(bytes)
        let expected = (i + 1 < blocks.count ? blocks[i + 1].first : count) - b.first
        guard t.count == expected else { throw .decode("snapshot table block holds \(t.count) records, not \(expected)") }
        return t
    }

    /// In a table sorted by key: a reader just past the key of the record with `key`.
    func find(_ key: [UInt8]) throws(StoreError) -> BinaryReader? {
        var lo = 0, hi = blocks.count
        while lo < hi {  // the last block whose first key is not after `key`
            let mid = (lo + hi) / 2
            if key.lexicographicallyPrecedes(blocks[mid].key) { hi = mid } else { lo = mid + 1 }
        }
        guard lo > 0 else { return nil }
        return try block(lo - 1).find(key)
    }

    /// A reader over record `i`, by position.
    func record(_ i: Int) throws(StoreError) -> BinaryReader? {
        guard i >= 0, i < count else { return nil }
        var lo = 0, hi = blocks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if blocks[mid].first <= i { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        return try block(lo - 1).record(i - blocks[lo - 1].first)
    }

    /// Calls `body` with a reader over each block's records in order (for a full decode).
    func forEachBlock(_ body: (inout BinaryReader, Int) throws(StoreError) -> Void) throws(StoreError) {
        for i in blocks.indices {
            let t = try block(i)
            var r = t.all
            try body(&r, t.count)
        }
    }
}

/// A snapshot already in memory.
struct MemorySource: ByteSource {
    let bytes: [UInt8]

    func read(_ offset: UInt64, _ count: Int) throws(StoreError) -> [UInt8] {
        guard offset <= UInt64(bytes.count) else { return [] }
        return Array(bytes[Int(offset)..<min(bytes.count, Int(offset) + count)])
    }
}

/// A snapshot file read on demand. Holds the descriptor open, so a snapshot renamed
/// over meanwhile does not change what this one reads.
final class FileSource: ByteSource, @unchecked Sendable {
    private let fd: Int32
    let path: String

    init(path: String) throws(StoreError) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .log(.io(path: path, operation: "open", errno: errno)) }
        self.path = path
    }

    deinit { close(fd) }

    /// The file's size.
    func size() throws(StoreError) -> UInt64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .log(.io(path: path, operation: "stat", errno: errno)) }
        return UInt64(st.st_size)
    }

    func read(_ offset: UInt64, _ count: Int) throws(StoreError) -> [UInt8] {
        var failure: Int32 = 0
        // Uninitialised: zero-filling megabytes only to overwrite them costs as much as the read.
        let out = [UInt8](unsafeUninitializedCapacity: count) { b, initialised in
            var done = 0
            while done < count, let base = b.baseAddress {
                let n = pread(fd, base + done, count - done, off_t(offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }
                done += n
            }
            initialised = done
        }
        if failure != 0 { throw .log(.io(path: path, operation: "read", errno: failure)) }
        return out
    }
}
