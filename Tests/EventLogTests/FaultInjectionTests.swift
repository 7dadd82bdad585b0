import EventLog
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A file-operations double that fails chosen calls, to test what a writer does on
/// short writes, EIO, ENOSPC and a failing fdatasync.
final class FaultyOps: FileOps, @unchecked Sendable {
    enum Fault { case shortThenError(Int32), error(Int32), syncError }
    var fault: Fault?
    private let real = SystemFileOps()

    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { real.open(path, flags, mode) }
    func close(_ fd: Int32) -> Int32 { real.close(fd) }
    func pread(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Int { real.pread(fd, buf, count, offset) }
    func pwrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int, _ offset: Int64) -> Int {
        switch fault {
        case .shortThenError(let e)?:
            fault = .error(e)
            return real.pwrite(fd, buf, count / 2, offset)  // half the batch reaches the file
        case .error(let e)?:
            errno = e
            return -1
        default:
            return real.pwrite(fd, buf, count, offset)
        }
    }
    func fdatasync(_ fd: Int32) -> Int32 {
        if case .syncError? = fault { errno = EIO; return -1 }
        return real.fdatasync(fd)
    }
    func fsync(_ fd: Int32) -> Int32 { real.fsync(fd) }
    func ftruncate(_ fd: Int32, _ length: Int64) -> Int32 { real.ftruncate(fd, length) }
    func size(_ fd: Int32) -> Int64 { real.size(fd) }
    func lockExclusive(_ fd: Int32) -> Int32 { real.lockExclusive(fd) }
    func unlock(_ fd: Int32) -> Int32 { real.unlock(fd) }
    func rename(_ from: String, _ to: String) -> Int32 { real.rename(from, to) }
    func link(_ from: String, _ to: String) -> Int32 { real.link(from, to) }
    func unlink(_ path: String) -> Int32 { real.unlink(path) }
    func mkdir(_ path: String, _ mode: mode_t) -> Int32 { real.mkdir(path, mode) }
    func rmdir(_ path: String) -> Int32 { real.rmdir(path) }
    func touch(_ fd: Int32) -> Int32 { real.touch(fd) }
    func fchmod(_ fd: Int32, _ mode: mode_t) -> Int32 { real.fchmod(fd, mode) }
}

final class FaultInjectionTests: LogTestCase {
    func writer(_ fault: FaultyOps.Fault) throws -> (LogWriter, FaultyOps) {
        try append([[payload(1)]])
        let ops = FaultyOps()
        let w = try LogWriter(path: path, ops: ops)
        try w.lock()
        _ = try w.catchUp()
        ops.fault = fault
        return (w, ops)
    }

    /// After a failed append: an error, and readers see only what came before.
    func assertNothingAccepted(_ w: LogWriter, _ error: Error?, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertNotNil(error, "the append must fail", file: file, line: line)
        w.unlock()
        XCTAssertEqual(try LogReader(path: path).readNew().map(\.payload), [payload(1)], file: file, line: line)
    }

    func testShortWriteThenENOSPC() throws {
        let (w, _) = try writer(.shortThenError(ENOSPC))
        var err: Error?
        do { try w.append([payload(2), payload(3), payload(4)]) } catch { err = error }
        XCTAssertEqual((err as? LogError)?.description.contains("no space left on device"), true)
        try assertNothingAccepted(w, err)
    }

    func testEIOOnWrite() throws {
        let (w, ops) = try writer(.error(EIO))
        var err: Error?
        do { try w.append([payload(2)]) } catch { err = error }
        try assertNothingAccepted(w, err)
        ops.fault = nil
        try w.lock()
        try w.append([payload(3)])  // a write error is not fatal: the batch was rolled back
        w.unlock()
    }

    func testFsyncFailureStopsTheWriterForGood() throws {
        let (w, ops) = try writer(.syncError)
        var err: Error?
        do { try w.append([payload(2)]) } catch { err = error }
        guard case .writerStopped? = err as? LogError else { return XCTFail("\(String(describing: err))") }
        try assertNothingAccepted(w, err)
        ops.fault = nil
        try w.lock()
        XCTAssertThrowsError(try w.append([payload(3)]), "no blind retry after an fsync failure")
        w.unlock()
        let fresh = try LogWriter(path: path)
        try fresh.lock()
        _ = try fresh.catchUp()
        try fresh.append([payload(3)])
        fresh.unlock()
        XCTAssertEqual(try LogReader(path: path).readNew().map(\.payload), [payload(1), payload(3)])
    }
}
