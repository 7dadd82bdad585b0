import DispatchCore
import EventLog
@testable import EventStore
import Foundation
import XCTest

/// A store opened through its snapshot must be indistinguishable from one that
/// replayed the whole log, and a snapshot that does not fit must be ignored.
final class SnapshotTests: StoreTestCase {
    /// Default warning rules, so that restored early-warning windows are exercised too.
    let policy = Policy.defaults

    private func busyStore() throws -> FileStore {
        let s = try FileStore.create(paths: paths, actor: "tester@host", commands: Self.units, clock: clock, policy: policy)
        for i in 0..<6 {
            try s.execute(.report(NewCase(category: .disputeProperty, level: i % 2 == 0 ? .red : .blue,
                                          location: "210203004001001", title: "案\(i)", reporter: "张三")))
        }
        try s.execute(.act(.accept(note: "收到"), on: "GW000001", expectedVersion: nil))
        try s.execute(.act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil))
        try s.execute(.act(.accept(note: ""), on: "GW000002", expectedVersion: nil))
        try s.execute(.act(.resolve(note: "done"), on: "GW000002", expectedVersion: nil))
        try s.execute(.act(.close(note: ""), on: "GW000002", expectedVersion: nil))
        try s.execute(.act(.void(reason: "误报"), on: "GW000003", expectedVersion: nil))
        clock.set(clock.now().adding(.hours(30)))
        _ = try s.refresh()
        return s
    }

    private func open() throws -> FileStore { try FileStore(paths: paths, actor: "t@h", clock: clock, policy: policy) }

    private func replayedWithoutSnapshot() throws -> FileStore {
        let saved = try Data(contentsOf: URL(fileURLWithPath: paths.snapshot))
        try FileManager.default.removeItem(atPath: paths.snapshot)
        defer { FileManager.default.createFile(atPath: paths.snapshot, contents: saved) }
        return try open()
    }

    private func assertSame(_ a: FileStore, _ b: FileStore, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(a.model.image, b.model.image, file: file, line: line)
        XCTAssertEqual(a.lastSeq, b.lastSeq, file: file, line: line)
        XCTAssertEqual(a.headHash, b.headHash, file: file, line: line)
        for u in a.model.units {
            XCTAssertEqual(a.model.counts(for: u.code), b.model.counts(for: u.code), u.code, file: file, line: line)
            for q in QueueKind.allCases {
                XCTAssertEqual(a.model.queue(q, under: u.code), b.model.queue(q, under: u.code), file: file, line: line)
            }
        }
        for c in a.model.cases {
            XCTAssertEqual(a.history(of: c.number), b.history(of: c.number), c.number, file: file, line: line)
        }
        XCTAssertEqual(try a.events(in: 1...a.lastSeq).map(\.hash), try b.events(in: 1...b.lastSeq).map(\.hash), file: file, line: line)
    }

    func testAStoreOpenedFromItsSnapshotEqualsAFullReplay() throws {
        let s = try busyStore()
        XCTAssertFalse(s.model.warnings.isEmpty, "the fixture raises a repeat warning")
        s.close(snapshotAfter: 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: paths.snapshot))
        try assertSame(try open(), try replayedWithoutSnapshot())
    }

    /// A village moved under a town registered after it, with its cases, and then
    /// retired: the snapshot (whose units keep registration order) opens to the same
    /// tree, counts and queues as a full replay.
    func testAMovedAndRetiredUnitSurvivesTheSnapshot() throws {
        let s = try busyStore()
        try s.execute([.registerUnit(Unit(code: "210203009", name: "新建街道", tier: .town, parent: "210203"))], rejected: nil)
        try s.execute(.moveUnit(code: "210203004001", parent: "210203009"))
        try s.execute(.retireUnit(code: "210203004", reason: "撤并"))
        XCTAssertEqual(s.model.path(of: "210203004001001"), ["210203004001001", "210203004001", "210203009", "210203", "210200"])
        XCTAssertEqual(s.model.counts(for: "210203004")?.open, 0, "the cases left with the village")
        XCTAssertEqual(s.model.counts(for: "210203009")?.open, s.model.counts(for: "210203")?.open)
        s.close(snapshotAfter: 1)
        let reopened = try open()
        XCTAssertTrue(reopened.model.unit("210203004")?.retired == true)
        try assertSame(reopened, try replayedWithoutSnapshot())
    }

    func testTheTailAfterTheSnapshotIsReplayedAndTheChainContinues() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        try s.execute(.act(.sign(note: ""), on: "GW000001", expectedVersion: nil))
        let fromSnapshot = try open()
        XCTAssertEqual(fromSnapshot.model.case("GW000001")?.state, .inProgress)
        // Writing through the restored store continues the same hash chain.
        let made = try fromSnapshot.execute(.report(NewCase(category: .disputeProperty, level: .red,
                                                            location: "210203004001001", title: "again", reporter: "张三")))
        XCTAssertEqual(made.first?.prevHash, try s.events(in: s.lastSeq...s.lastSeq).first?.hash)
        // The restored early-warning windows still see the six earlier reports by 张三.
        XCTAssertEqual(made.count, 1, "a warning for this reporter was already raised within the window")
        try assertSame(fromSnapshot, try replayedWithoutSnapshot())
        XCTAssertNil(try LogVerifier.verify(path: paths.log).problem)
    }

    func testADamagedSnapshotIsIgnoredAndTheLogReplayed() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        let expected = try replayedWithoutSnapshot().model.image
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths.snapshot)))
        // A report-only open checks only the sections it reads, so damage among the
        // cases is left for the next full open to find.
        let cases: [(String, [UInt8], partialSees: Bool)] = [
            ("flipped byte among the cases", { var b = bytes; b[b.count / 2] ^= 0x40; return b }(), false),
            ("flipped byte in the core", { var b = bytes; b[SnapshotFile.headerSize + 3] ^= 0x40; return b }(), true),
            ("flipped byte in the header", { var b = bytes; b[70] ^= 0x01; return b }(), true),
            ("truncated", Array(bytes.prefix(bytes.count - 9)), true),
            ("empty", [], true),
            ("garbage", Array("not a snapshot at all".utf8), true),
            ("other format", { var b = bytes; b[8] = 9; return b }(), true),
        ]
        for (name, damaged, partialSees) in cases {
            FileManager.default.createFile(atPath: paths.snapshot, contents: Data(damaged))
            XCTAssertEqual(try open().model.image, expected, name)
            let partial = try FileStore(paths: paths, actor: "t", clock: clock, policy: policy, scope: .reportsOnly)
            XCTAssertEqual(partial.model.isPartial, !partialSees, name)
            if partialSees { XCTAssertEqual(partial.model.image, expected, name) }
        }
        // The next writer to finish replaces the unusable snapshot, whatever its count.
        try open().close()
        XCTAssertNil(SnapshotReader.full(paths.snapshot, limits: policy.limits).problem)
        XCTAssertNotNil(SnapshotReader.full(paths.snapshot, limits: policy.limits).0)
        bytes.removeAll()
    }

    func testASnapshotOfAnotherLogIsIgnored() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        let snap = try Data(contentsOf: URL(fileURLWithPath: paths.snapshot))
        // A different log of the same length of history: same sequence numbers, other hashes.
        try FileManager.default.removeItem(atPath: paths.directory)
        let other = try busyStore()
        FileManager.default.createFile(atPath: paths.snapshot, contents: snap)
        let opened = try open()
        XCTAssertEqual(opened.headHash, other.headHash)
        XCTAssertEqual(opened.model.image, other.model.image)
    }

    func testASnapshotMadeUnderOtherTimeLimitsIsIgnored() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        var limits = TimeLimits.defaults
        limits.followUp = .days(3)
        let other = Policy(limits: limits, cards: policy.cards, warnings: policy.warnings)
        let a = try FileStore(paths: paths, actor: "t", clock: clock, policy: other)
        try FileManager.default.removeItem(atPath: paths.snapshot)
        let b = try FileStore(paths: paths, actor: "t", clock: clock, policy: other)
        XCTAssertEqual(a.model.image, b.model.image)
    }

    func testSnapshotsAreWrittenWhenDueAndLeaveNoTemporaryFiles() throws {
        let s = try busyStore()
        s.snapshotEvery = 5
        s.close()  // more than 5 events since opening: written
        let first = try Data(contentsOf: URL(fileURLWithPath: paths.snapshot))
        try s.execute(alert("one more"))
        s.close()  // one event: not due
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: paths.snapshot)), first)
        for _ in 0..<5 { try s.execute(alert()) }
        s.maintain()
        s.close(snapshotAfter: 1_000)  // waits for the background writer
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: paths.snapshot)), first)
        let names = try FileManager.default.contentsOfDirectory(atPath: paths.directory)
        XCTAssertEqual(names.filter { $0.contains(".tmp") }, [])
        let mode = try FileManager.default.attributesOfItem(atPath: paths.snapshot)[.posixPermissions] as? Int
        XCTAssertEqual(mode.map { $0 & 0o777 }, 0o660)
        try assertSame(try open(), try replayedWithoutSnapshot())
    }

    func testASnapshotThatCannotBeWrittenLosesNothing() throws {
        let s = try busyStore()
        // rename(2) cannot replace a directory with a file: the write fails late, after the
        // temporary file was written and synced.
        try FileManager.default.createDirectory(atPath: paths.snapshot, withIntermediateDirectories: false)
        s.close(snapshotAfter: 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: paths.directory)
        XCTAssertEqual(names.filter { $0.contains(".tmp") }, [], "the temporary file is removed")
        try s.execute(alert("still writing"))
        XCTAssertNil(try LogVerifier.verify(path: paths.log).problem)
        XCTAssertEqual(try open().model.cases.count, 7)
    }

    func testAReadOnlyFeedUsesTheSnapshotToo() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        let feed = try FileFeed(paths: paths, clock: clock, policy: policy)
        XCTAssertEqual(feed.model.image, s.model.image)
        XCTAssertEqual(feed.history(of: "GW000002"), s.history(of: "GW000002"))
        XCTAssertEqual(try feed.events(in: 1...feed.lastSeq).count, Int(s.lastSeq))
    }

    func testLongLogsAreReadInChunks() throws {
        let s = try FileStore.create(paths: paths, actor: "t", commands: Self.units, clock: clock, policy: quiet)
        let long = Command.report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001",
                                          title: "长", detail: String(repeating: "长", count: 1300)))
        for _ in 0..<20 { try s.execute(Array(repeating: long, count: 20), rejected: nil) }
        let w = try LogWriter(path: paths.log)
        var total = 0, calls = 0
        while true {
            let got = try w.readAhead(chunk: 100_000)
            if got.isEmpty { break }
            total += got.count; calls += 1
        }
        XCTAssertEqual(total, Self.units.count + 400)
        XCTAssertGreaterThan(calls, 10, "about 2.4 MB read 100 kB at a time")
    }

    // MARK: Report-only opening

    private func copyStore() throws -> StorePaths {
        let copy = StorePaths(directory: root + "/copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: paths.directory, toPath: copy.directory)
        return copy
    }

    func testAReportOnlyStoreDecidesReportsExactlyAsAFullOne() throws {
        let s = try busyStore()
        try s.execute(.report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001",
                                      title: "外部", externalId: "hotline-7")))
        for _ in 0..<2 {
            try s.execute(.report(NewCase(category: .disputeNeighbour, level: .blue, location: "210203004001001",
                                          title: "王五", reporter: "王五")))
        }
        s.close(snapshotAfter: 1)
        try s.execute(.act(.sign(note: ""), on: "GW000001", expectedVersion: nil))  // a tail event on an archived case
        let report = Command.report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001",
                                            title: "又来了", reporter: "李四", people: 80))
        let other = try copyStore()
        let partial = try FileStore(paths: paths, actor: "t@h", clock: clock, policy: policy, scope: .reportsOnly)
        XCTAssertTrue(partial.model.isPartial)
        XCTAssertTrue(partial.model.cases.isEmpty, "the cases before the snapshot stay on disk")
        let full = try FileStore(paths: other, actor: "t@h", clock: clock, policy: policy)
        XCTAssertFalse(full.model.isPartial)
        var bodies: [EventBody] = []
        for _ in 0..<3 {
            let a = try partial.execute(report), b = try full.execute(report)
            XCTAssertEqual(a.map(\.event.body), b.map(\.event.body))
            XCTAssertEqual(a.map(\.seq), b.map(\.seq))
            bodies += a.map(\.event.body)
        }
        XCTAssertTrue(bodies.contains { if case .warningRaised(let w) = $0 { w.rule == .crowd } else { false } })
        // Two reports by 王五 are archived; a third makes a repeat that names all three.
        let wang = Command.report(NewCase(category: .disputeNeighbour, level: .blue, location: "210203004001001",
                                          title: "王五又报", reporter: "王五"))
        let a = try partial.execute(wang), b = try full.execute(wang)
        XCTAssertEqual(a.map(\.event.body), b.map(\.event.body))
        guard a.count == 2, case .warningRaised(let w) = a[1].event.body else { return XCTFail("no repeat warning: \(a)") }
        XCTAssertEqual(w.rule, .repeat)
        XCTAssertEqual(w.cases, ["GW000008", "GW000009", a[0].event.body.caseNumber ?? ""])
        // An external id recorded before the snapshot is still a duplicate.
        let dup = Command.report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001",
                                         title: "重复", externalId: "hotline-7"))
        XCTAssertThrowsError(try partial.execute(dup)) { XCTAssertEqual($0 as? StoreError, .domain(.duplicate("external id hotline-7 (case GW000007)"))) }
        XCTAssertNil(try LogVerifier.verify(path: paths.log).problem)
        try assertSame(try open(), try replayedWithoutSnapshot())
    }

    func testAReportOnlyStoreWithoutASnapshotLoadsEverything() throws {
        _ = try busyStore()
        let s = try FileStore(paths: paths, actor: "t@h", clock: clock, policy: policy, scope: .reportsOnly)
        XCTAssertFalse(s.model.isPartial)
        XCTAssertEqual(s.model.cases.count, 6)
    }

    func testReportOnlyWritersStillRefreshTheSnapshotWhenTheTailGrowsLong() throws {
        let s = try busyStore()
        s.close(snapshotAfter: 1)
        let before = try Data(contentsOf: URL(fileURLWithPath: paths.snapshot))
        let partial = try FileStore(paths: paths, actor: "t@h", clock: clock, policy: policy, scope: .reportsOnly)
        partial.snapshotEvery = 3
        for _ in 0..<3 { try partial.execute(alert()) }
        partial.close()
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: paths.snapshot)), before, "a full load wrote a new snapshot")
        let reopened = try FileStore(paths: paths, actor: "t@h", clock: clock, policy: policy, scope: .reportsOnly)
        XCTAssertEqual(reopened.lastSeq, partial.lastSeq)
        XCTAssertTrue(reopened.model.cases.isEmpty, "nothing left in the tail")
        try assertSame(try open(), try replayedWithoutSnapshot())
    }
}

/// The fuzz seed is a real snapshot, so fuzzing starts from inputs that get deep.
final class SnapshotSeedTests: XCTestCase {
    func testTheFuzzSeedIsAUsableSnapshotAndDamageIsNamed() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus/snapshot/small-4-cases-warnings")
        var bytes = [UInt8](try Data(contentsOf: seed))
        XCTAssertNil(SnapshotInspector.problem(in: bytes))
        bytes[bytes.count - 5] ^= 0x10
        XCTAssertNotNil(SnapshotInspector.problem(in: bytes))
        XCTAssertEqual(SnapshotInspector.problem(in: []), "not a gridwatch snapshot")
    }
}
