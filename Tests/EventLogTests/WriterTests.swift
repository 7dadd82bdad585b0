import EventLog
import Foundation
import XCTest

/// Writers: locking, catch-up, torn-tail repair, refusing corruption, readers.
final class WriterTests: LogTestCase {
    func testTwoWritersSeeEachOther() throws {
        let a = try LogWriter(path: path), b = try LogWriter(path: path)
        try a.lock(); _ = try a.catchUp(); try a.append([payload(1)]); a.unlock()
        try b.lock()
        XCTAssertEqual(try b.catchUp().map(\.payload), [payload(1)])
        try b.append([payload(2)]); b.unlock()
        try a.lock()
        XCTAssertEqual(try a.catchUp().map(\.payload), [payload(2)])
        a.unlock()
    }

    func testCatchUpMovesATornTailAsideAndTruncates() throws {
        try append([[payload(1)]])
        let good = try bytes()
        var torn = good
        LogFormat.frame(payload(2), commit: true, into: &torn)
        torn.removeLast(5)
        try write(torn)
        let w = try LogWriter(path: path)
        try w.lock()
        XCTAssertEqual(try w.catchUp().map(\.payload), [payload(1)])
        XCTAssertEqual(try bytes(), good, "the torn bytes are gone from the log")
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".torn-") }
        XCTAssertEqual(aside.count, 1, "and kept beside it")
        try w.append([payload(3)])
        w.unlock()
        XCTAssertEqual(try LogReader(path: path).readNew().map(\.payload), [payload(1), payload(3)])
    }

    func testAnUnfinishedBatchIsInvisibleToReadersAndRemovedByWriters() throws {
        try append([[payload(1)]])
        var b = try bytes()
        LogFormat.frame(payload(2), commit: false, into: &b)  // a batch whose end never arrived
        try write(b)
        let r = try LogReader(path: path)
        XCTAssertEqual(try r.readNew().count, 1)
        XCTAssertNotNil(r.pendingTail)
        let w = try LogWriter(path: path)
        try w.lock()
        XCTAssertEqual(try w.catchUp().count, 1)
        w.unlock()
        XCTAssertEqual(try bytes().count, b.count - LogFormat.recordHeaderSize - payload(2).count)
    }

    func testCorruptionInTheMiddleMakesWritersRefuseAndLeavesTheFile() throws {
        try append([[payload(1)], [payload(2)], [payload(3)]])
        var b = try bytes()
        let second = LogFormat.headerSize + LogFormat.recordHeaderSize + payload(1).count
        for i in 0..<4 { b[second + 16 + i] = 0x41 }
        try write(b)
        let w = try LogWriter(path: path)
        try w.lock()
        XCTAssertThrowsError(try w.catchUp()) { e in
            guard case .corrupt(_, let offset, _)? = e as? LogError else { return XCTFail("\(e)") }
            XCTAssertEqual(offset, UInt64(second))
        }
        w.unlock()
        XCTAssertEqual(try bytes(), b, "nothing was written or truncated")
        XCTAssertThrowsError(try LogReader(path: path).readNew())
    }

    func testReaderTailsAWriter() throws {
        let r = try LogReader(path: path)
        let waiter = ChangeWaiter(path: path)
        XCTAssertTrue(waiter.usesInotify)
        let done = expectation(description: "writer")
        let p = path, record = payload(7)
        DispatchQueue.global().async {
            usleep(200_000)
            if let w = try? LogWriter(path: p), (try? w.lock()) != nil, (try? w.catchUp()) != nil {
                _ = try? w.append([record])
                w.unlock()
            }
            done.fulfill()
        }
        var seen: [LogRecord] = []
        let deadline = Date().addingTimeInterval(5)
        while seen.isEmpty, Date() < deadline {
            waiter.wait(timeoutMs: 500)
            seen += try r.readNew()
        }
        wait(for: [done], timeout: 5)
        XCTAssertEqual(seen.map(\.payload), [payload(7)])
    }

    func testCreateRefusesAnExistingLog() {
        XCTAssertThrowsError(try LogWriter.create(path: path))
    }
}
