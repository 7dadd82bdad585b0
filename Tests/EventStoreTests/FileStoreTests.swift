import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest

final class FileStoreTests: StoreTestCase {
    func testCreateIsAllOrNothing() throws {
        var bad = Self.units
        bad.append(.registerUnit(Unit(code: "999", name: "X", tier: .town, parent: "nowhere")))
        XCTAssertThrowsError(try FileStore.create(paths: paths, actor: "t", commands: bad, clock: clock))
        XCTAssertFalse(FileManager.default.fileExists(atPath: paths.directory), "nothing is left behind")
        _ = try makeStore()
        XCTAssertThrowsError(try makeStore()) { XCTAssertEqual($0 as? StoreError, .exists(path: self.paths.directory)) }
        let attrs = try FileManager.default.attributesOfItem(atPath: paths.log)
        XCTAssertEqual((attrs[.posixPermissions] as? Int).map { $0 & 0o777 }, 0o660, "the store's group may write (through the setgid binary), others nothing")
    }

    func testTwoStoresOnOneLogNeverReuseANumber() throws {
        let a = try makeStore()
        let b = try FileStore(paths: paths, actor: "other@host", clock: clock, policy: quiet)
        try a.execute(alert("one"))
        let made = try b.execute(alert("two"))  // b catches up under the lock first
        XCTAssertEqual(made.first?.event.body.caseNumber, "GW000002")
        XCTAssertEqual(b.model.cases.count, 2)
        XCTAssertEqual(made.first?.seq, UInt64(Self.units.count + 2))
        _ = try a.refresh()
        XCTAssertEqual(a.model.cases.map(\.title), ["one", "two"])
    }

    func testAChangeUnderYouIsAConflict() throws {
        let a = try makeStore()
        let b = try FileStore(paths: paths, actor: "other@host", clock: clock, policy: quiet)
        try a.execute(alert())
        _ = try b.refresh()
        let seenVersion = b.model.case("GW000001")?.version
        try a.execute(.act(.accept(note: ""), on: "GW000001", expectedVersion: nil))
        let before = try logBytes()
        XCTAssertThrowsError(try b.execute(.act(.void(reason: "误报"), on: "GW000001", expectedVersion: seenVersion))) { e in
            XCTAssertEqual(e as? StoreError, .domain(.conflict(case: "GW000001", expected: 1, actual: 2)))
        }
        XCTAssertTrue(try logBytes() == before, "nothing written")
        XCTAssertEqual(b.model.case("GW000001")?.state, .accepted, "and the view is fresh")
    }

    func testBatchWithRejectionsWritesOnlyTheGoodOnes() throws {
        let s = try makeStore()
        var rejected: [Int] = []
        let bad = Command.report(NewCase(category: .petition, level: .red, location: "nowhere", title: "x"))
        let events = try s.execute([alert("a"), bad, alert("b")]) { i, _ in rejected.append(i) }
        XCTAssertEqual(rejected, [1])
        XCTAssertEqual(events.compactMap(\.event.body.caseNumber), ["GW000001", "GW000002"])
        XCTAssertEqual(try LogVerifier.verify(path: paths.log).records, Self.units.count + 2)
    }

    func testReadOnlyFeedFollowsAndReadsBack() throws {
        let s = try makeStore()
        let feed = try FileFeed(paths: paths, clock: clock)
        try s.execute(alert())
        XCTAssertEqual(try feed.refresh().map(\.type), [.caseReported])
        try s.execute(.act(.accept(note: "收到"), on: "GW000001", expectedVersion: nil))
        _ = try feed.refresh()
        let history = feed.history(of: "GW000001")
        XCTAssertEqual(history.count, 2)
        let events = try history.flatMap { try feed.events(in: $0...$0) }
        XCTAssertEqual(events.map(\.type), [.caseReported, .caseAccepted])
        XCTAssertEqual(events.map(\.caseVersion), [1, 2])
        XCTAssertEqual(feed.headHash, s.headHash)
    }
}

/// A reader must follow the file at the path, not the file it first opened: `recover`
/// renames a new log into place.
final class ReplacedLogTests: StoreTestCase {
    func testFeedsAndStoresFollowAReplacedLog() throws {
        let s = try makeStore()
        try s.execute(alert("old one"))
        let feed = try FileFeed(paths: paths, clock: clock, policy: quiet)
        let other = try FileStore(paths: paths, actor: "x", clock: clock, policy: quiet)
        XCTAssertEqual(feed.model.cases.map(\.title), ["old one"])
        // A different log, renamed over the store's log.
        let side = StorePaths(directory: root + "/side")
        let sideStore = try FileStore.create(paths: side, actor: "t", commands: Self.units, clock: clock, policy: quiet)
        try sideStore.execute(alert("new a"))
        try sideStore.execute(alert("new b"))
        XCTAssertEqual(rename(side.log, paths.log), 0)
        _ = try feed.refresh()
        XCTAssertEqual(feed.model.cases.map(\.title), ["new a", "new b"])
        _ = feed.takeChanges()
        _ = try other.refresh()
        XCTAssertEqual(other.model.cases.map(\.title), ["new a", "new b"])
        try other.execute(alert("after"))
        XCTAssertTrue(feed.takeChanges(), "the feed watches the new file, not the one it replaced")
        _ = try feed.refresh()
        XCTAssertEqual(feed.model.cases.map(\.title), ["new a", "new b", "after"])
    }
}
