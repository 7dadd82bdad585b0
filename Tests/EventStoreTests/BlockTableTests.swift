@testable import EventStore
import XCTest

/// The snapshot's lookup tables: found by key or position across many blocks, and a
/// damaged block refused rather than misread.
final class BlockTableTests: XCTestCase {
    private func keyed(_ n: Int) -> (bytes: [UInt8], keys: [[UInt8]]) {
        let keys = (0..<n).map { Array("key-\(String(format: "%07d", $0 * 7))".utf8) }
        let records = keys.enumerated().map { i, k -> (key: [UInt8], record: [UInt8]) in
            var w = BinaryWriter()
            w.bytesField(k); w.varint(UInt64(i)); w.string(String(repeating: "值", count: i % 40))
            return (k, w.bytes)
        }
        return (BlockTable.encode(records), keys)
    }

    private func open(_ bytes: [UInt8]) throws -> BlockTable {
        let n = try BlockTable.directoryLength(Array(bytes.prefix(8)))
        return try BlockTable(directory: Array(bytes[8..<(8 + n)]), sectionOffset: 0, sectionLength: UInt64(bytes.count),
                              source: MemorySource(bytes: bytes))
    }

    func testEveryKeyIsFoundAcrossManyBlocksAndMissingKeysAreNot() throws {
        let (bytes, keys) = keyed(20_000)
        XCTAssertGreaterThan(bytes.count, 20 * BlockTable.blockBytes, "many blocks")
        let t = try open(bytes)
        XCTAssertEqual(t.count, keys.count)
        for (i, k) in keys.enumerated() where i % 97 == 0 || i == keys.count - 1 {
            var r = try XCTUnwrap(try t.find(k), "key \(i)")
            XCTAssertEqual(try r.varint(), UInt64(i))
            var p = try XCTUnwrap(try t.record(i))
            XCTAssertEqual(Array(try p.bytesField()), k)
        }
        for missing in ["", "a", "key-0000001", "key-9999999", "zzz"] {
            XCTAssertNil(try t.find(Array(missing.utf8)), missing)
        }
        XCTAssertNil(try t.record(keys.count))
        var seen = 0
        try t.forEachBlock { (_: inout BinaryReader, count: Int) throws(StoreError) in seen += count }
        XCTAssertEqual(seen, keys.count)
    }

    func testAnEmptyTableFindsNothing() throws {
        let t = try open(BlockTable.encode([]))
        XCTAssertEqual(t.count, 0)
        XCTAssertNil(try t.find(Array("x".utf8)))
        XCTAssertNil(try t.record(0))
    }

    func testADamagedBlockIsRefused() throws {
        let (bytes, keys) = keyed(5_000)
        var damaged = bytes
        damaged[bytes.count - 100] ^= 0x01  // inside the last block
        let t = try open(damaged)
        XCTAssertThrowsError(try t.find(keys[keys.count - 1]))
        XCTAssertNotNil(try t.find(keys[0]), "other blocks still read")
    }
}
