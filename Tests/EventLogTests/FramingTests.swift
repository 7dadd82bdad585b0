import CLogSupport
import EventLog
import XCTest

/// Framing and scanning: clean logs, torn tails and damage in the middle.
final class FramingTests: LogTestCase {
    func testBatchesRoundTrip() throws {
        try append([[payload(1), payload(2)], [payload(3)]])
        let r = try LogReader(path: path)
        let recs = try r.readNew()
        XCTAssertEqual(recs.map(\.payload), [payload(1), payload(2), payload(3)])
        XCTAssertEqual(recs.map(\.commit), [false, true, true])
        XCTAssertEqual(r.offset, UInt64(try bytes().count))
        XCTAssertEqual(try r.readNew().count, 0)
    }

    func testCRC32CKnownVectors() {
        let check = Array("123456789".utf8)
        XCTAssertEqual(gw_crc32c(0, check, check.count), 0xE306_9283, "the standard CRC-32C check value")
        let zeros = [UInt8](repeating: 0, count: 32)
        XCTAssertEqual(gw_crc32c(0, zeros, 32), 0x8A91_36AA, "RFC 3720 B.4: 32 bytes of zeros")
        // Split computation must agree with one pass (the frame CRC is computed in two parts).
        XCTAssertEqual(gw_crc32c(gw_crc32c(0, check, 4), Array(check[4...]), 5), 0xE306_9283)
    }

    func testEveryFlippedBitIsCaught() {
        var out: [UInt8] = []
        LogFormat.frame(Array("123456789".utf8), commit: true, into: &out)
        XCTAssertEqual(LogScanner.scan(out, base: 0).records.count, 1)
        for bit in 0..<(out.count * 8) where bit / 8 >= 2 {
            var bad = out
            bad[bit / 8] ^= UInt8(1 << (bit % 8))
            XCTAssertEqual(LogScanner.scan(bad, base: 0).records.count, 0, "bit \(bit) flipped")
        }
    }

    func testTornTailsAreNotRecords() throws {
        try append([[payload(1)], [payload(2), payload(3)]])
        let full = try bytes()
        let body = Array(full[LogFormat.headerSize...])
        let firstEnd = LogFormat.recordHeaderSize + payload(1).count
        // Every cut inside the second batch leaves exactly the first batch.
        for cut in (firstEnd + 1)..<body.count {
            let s = LogScanner.scan(Array(body[..<cut]), base: 16)
            XCTAssertEqual(s.records.count, 1, "cut at \(cut)")
            XCTAssertEqual(s.committedEnd, UInt64(16 + firstEnd))
            guard case .tail = s.stop else { return XCTFail("cut at \(cut): \(s.stop)") }
        }
    }

    func testDamageFollowedByGoodRecordsIsCorruption() throws {
        try append([[payload(1)], [payload(2)], [payload(3)]])
        var b = try bytes()
        let second = LogFormat.headerSize + LogFormat.recordHeaderSize + payload(1).count
        b[second + 20] ^= 0xFF
        let s = LogScanner.scan(Array(b[LogFormat.headerSize...]), base: 16)
        XCTAssertEqual(s.stop, .corrupt(offset: UInt64(second), reason: "checksum mismatch"))
        XCTAssertEqual(s.records.count, 1)
    }

    func testDamageInTheLastRecordIsATornTail() throws {
        try append([[payload(1)], [payload(2)]])
        var b = try bytes()
        b[b.count - 3] ^= 0x01
        guard case .tail = LogScanner.scan(Array(b[LogFormat.headerSize...]), base: 16).stop else {
            return XCTFail("a bad last record is a torn write")
        }
    }

    func testSalvageSkipsDamage() throws {
        try append([[payload(1)], [payload(2)], [payload(3)]])
        var b = try bytes()
        let second = LogFormat.headerSize + LogFormat.recordHeaderSize + payload(1).count
        for i in 0..<4 { b[second + 14 + i] = 0 }
        let s = LogScanner.salvage(Array(b[LogFormat.headerSize...]), base: 16)
        XCTAssertEqual(s.records.map(\.payload), [payload(1), payload(3)])
        XCTAssertEqual(s.damaged.count, 1)
        XCTAssertEqual(s.damaged.first?.0, UInt64(second))
    }

    func testNotALog() throws {
        try write(Array("hello, world, this is not a log".utf8))
        XCTAssertThrowsError(try LogReader(path: path)) { e in
            XCTAssertEqual(e as? LogError, .notALog(path: path))
        }
    }
}
