import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest

/// Faults injected into every write the store makes besides appends (those are in
/// EventLogTests): the snapshot, recovery, the torn-tail repair, log creation and the
/// heartbeat. Each failure leaves nothing half-written and says what failed.
final class StoreFaultTests: StoreTestCase {
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: paths.directory).sorted() }

    func bytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { Array($0) } }

    // MARK: Snapshot

    /// A snapshot that cannot be written is a loss of nothing: the old one stays, no
    /// temporary file is left, and the next try writes it.
    func testSnapshotWriteFaultsKeepTheOldSnapshotAndLeaveNoTemporaryFile() throws {
        let s = try makeStore()
        try s.execute(alert("one"))
        s.close(snapshotAfter: 1)
        let old = try XCTUnwrap(bytes(paths.snapshot))
        let faults: [(InjectedOps.Op, Int32, Bool)] = [(.pwrite, ENOSPC, false), (.pwrite, EIO, true), (.fsync, EIO, false), (.rename, EIO, false)]
        for (i, (op, code, short)) in faults.enumerated() {
            let ops = InjectedOps()
            let w = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet, ops: ops)
            try w.execute(alert("fault \(i)"))
            ops.fail(op, path: "snapshot.bin", errno: code, shortFirst: short)
            w.close(snapshotAfter: 1)
            XCTAssertGreaterThan(ops.injected, 0, "the \(op) fault was reached")
            XCTAssertEqual(bytes(paths.snapshot), old, "\(op) \(code): the old snapshot is intact")
            XCTAssertEqual(try files().filter { $0.contains(".tmp") }, [], "\(op) \(code): no temporary file left")
        }
        // Without the fault the next writer replaces it, and the store opens from it.
        let w = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet)
        w.close(snapshotAfter: 1)
        XCTAssertNotEqual(bytes(paths.snapshot), old)
        XCTAssertEqual(try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet).model.cases.count, 1 + faults.count)
    }

    // MARK: Recovery

    /// A log damaged in the middle, for `recover`.
    func damagedStore() throws -> [UInt8] {
        let s = try makeStore()
        for t in ["a", "b", "c"] { try s.execute(alert(t)) }
        var b = try logBytes()
        b[b.count - 200] ^= 0xFF
        try Data(b).write(to: URL(fileURLWithPath: paths.log))
        return b
    }

    /// If the damaged copy or the repaired log cannot be written, the log is left as it
    /// was and neither a partial copy nor a temporary file remains.
    func testRecoveryFaultsLeaveTheLogAsItWas() throws {
        let damaged = try damagedStore()
        let faults: [(InjectedOps.Op, String, Int32, Bool)] = [
            (.pwrite, ".damaged-", ENOSPC, true), (.fsync, ".damaged-", EIO, false), (.open, ".damaged-", EACCES, false),
            (.pwrite, "events.log.tmp", ENOSPC, true), (.fsync, "events.log.tmp", EIO, false), (.rename, "events.log", EIO, false),
        ]
        for (op, path, code, short) in faults {
            let ops = InjectedOps()
            ops.fail(op, path: path, errno: code, shortFirst: short)
            XCTAssertThrowsError(try LogRecovery.recover(paths: paths, ops: ops), "\(op) \(path)") { e in
                let text = (e as? StoreError)?.description ?? "\(e)"
                XCTAssertTrue(text.contains(paths.directory), "names the file: \(text)")
            }
            XCTAssertGreaterThan(ops.injected, 0)
            XCTAssertEqual(try logBytes(), damaged, "\(op) \(path): the log is untouched")
            XCTAssertEqual(try files(), ["events.log"], "\(op) \(path): nothing else is left")
        }
        let report = try LogRecovery.recover(paths: paths)
        XCTAssertTrue(report.repaired)
        XCTAssertNil(try LogVerifier.verify(path: paths.log).problem)
    }

    // MARK: Torn-tail repair

    /// A store whose log ends in half a batch (a writer died mid-append).
    func tornStore() throws -> [UInt8] {
        let s = try makeStore()
        try s.execute(alert("kept"))
        var b = try logBytes()
        LogFormat.frame(Array(repeating: 7, count: 300), commit: true, into: &b)
        b.removeLast(100)
        try Data(b).write(to: URL(fileURLWithPath: paths.log))
        return b
    }

    /// The torn bytes are kept aside before the log is cut; if either step fails the
    /// writer says so, appends nothing, and the log still holds every byte.
    func testTornTailRepairFaultsCutNothing() throws {
        let torn = try tornStore()
        let faults: [(InjectedOps.Op, String, Int32, Bool)] = [
            (.pwrite, ".torn-", ENOSPC, true), (.fsync, ".torn-", EIO, false), (.ftruncate, "events.log", EIO, false),
        ]
        for (op, path, code, short) in faults {
            let ops = InjectedOps()
            let w = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet, ops: ops)
            ops.fail(op, path: path, errno: code, shortFirst: short)
            XCTAssertThrowsError(try w.execute(alert("refused")), "\(op) \(path)") { e in
                let text = (e as? StoreError)?.description ?? "\(e)"
                XCTAssertTrue(text.contains(paths.log), "names the log or its copy: \(text)")
            }
            XCTAssertEqual(try logBytes(), torn, "\(op) \(path): nothing cut, nothing appended")
            if op != .ftruncate {
                XCTAssertEqual(try files().filter { $0.contains(".torn-") }, [], "\(op): no partial copy of the torn bytes")
            }
            for f in try files() where f.contains(".torn-") { try FileManager.default.removeItem(atPath: paths.directory + "/" + f) }
        }
        let w = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet)
        try w.execute(alert("after"))
        XCTAssertEqual(try files().filter { $0.contains(".torn-") }.count, 1, "the torn bytes are kept beside the log")
        XCTAssertNil(try LogVerifier.verify(path: paths.log).problem)
        XCTAssertEqual(w.model.cases.map(\.title), ["kept", "after"])
    }

    // MARK: Creation

    /// A store that cannot be created leaves no directory, no log and no temporary file.
    func testCreationFaultsLeaveNothing() throws {
        let faults: [(InjectedOps.Op, String, Int32, Bool)] = [
            (.mkdir, "store", EACCES, false), (.pwrite, "events.log.new", ENOSPC, true), (.fsync, "events.log.new", EIO, false),
            (.link, "events.log", EIO, false), (.fsync, "/store", EIO, false), (.pwrite, "events.log", ENOSPC, false),
        ]
        for (op, path, code, short) in faults {
            let ops = InjectedOps()
            ops.fail(op, path: path, errno: code, shortFirst: short)
            XCTAssertThrowsError(try FileStore.create(paths: paths, actor: "t", commands: Self.units, clock: clock, policy: quiet, ops: ops),
                                 "\(op) \(path)") { e in
                XCTAssertFalse(((e as? StoreError)?.description ?? "").isEmpty)
            }
            XCTAssertGreaterThan(ops.injected, 0, "\(op) \(path) was reached")
            XCTAssertFalse(FileManager.default.fileExists(atPath: paths.directory), "\(op) \(path): nothing is left")
        }
        XCTAssertNoThrow(try makeStore())
    }

    // MARK: Heartbeat

    /// A heartbeat that cannot be written is only a missing heartbeat.
    func testAHeartbeatThatCannotBeWrittenCostsNothing() throws {
        _ = try makeStore()
        let ops = InjectedOps()
        ops.fail(.open, path: "heartbeat", errno: EACCES)
        let s = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet, ops: ops)
        s.heartbeat()
        XCTAssertNil(s.lastHeartbeat())
        XCTAssertNoThrow(try s.execute(alert()))
        let ok = try FileStore(paths: paths, actor: "t", clock: clock, policy: quiet)
        ok.heartbeat()
        XCTAssertNotNil(ok.lastHeartbeat())
    }
}
