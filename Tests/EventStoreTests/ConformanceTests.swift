import DispatchCore
import EventStore
import Foundation
import XCTest

/// The file store: handles are separate opens of one log, as separate processes are.
final class FileBackend: StoreBackend {
    let paths: StorePaths
    private var clock = ManualClock(Instant(ms: 0))
    private var policy = Policy.defaults
    init(root: String) { paths = StorePaths(directory: root + "/store") }
    func makeStream(clock: ManualClock, policy: Policy) throws {
        self.clock = clock
        self.policy = policy
        _ = try FileStore.create(paths: paths, actor: "setup", commands: StoreTestCase.units, clock: clock, policy: policy)
    }
    func open(actor: String) throws -> any CaseStore { try FileStore(paths: paths, actor: actor, clock: clock, policy: policy) }
    func openFeed() throws -> any CaseFeed { try FileFeed(paths: paths, clock: clock, policy: policy) }
}

/// The in-memory store: handles on one `MemoryStream`.
final class MemoryBackend: StoreBackend {
    private var stream = MemoryStream()
    private var clock = ManualClock(Instant(ms: 0))
    private var policy = Policy.defaults
    func makeStream(clock: ManualClock, policy: Policy) throws {
        self.clock = clock
        self.policy = policy
        stream = MemoryStream(name: "conformance")
        _ = try MemoryStore(stream: stream, actor: "setup", clock: clock, policy: policy).execute(StoreTestCase.units, rejected: nil)
    }
    func open(actor: String) throws -> any CaseStore { try MemoryStore(stream: stream, actor: actor, clock: clock, policy: policy) }
    func openFeed() throws -> any CaseFeed { ReadOnlyFeed(try open(actor: "viewer")) }
}

final class FileStoreConformanceTests: StoreTestCase {
    func suite() throws -> StoreConformance { try StoreConformance(FileBackend(root: root)) }
    func testAppend() throws { try suite().append() }
    func testBatchRefusal() throws { try suite().batchRefusal() }
    func testConcurrentWriters() throws { try suite().concurrentWriters() }
    func testCaseVersionConflict() throws { try suite().caseVersionConflict() }
    func testCatchingUp() throws { try suite().catchingUp() }
    func testChangeNotification() throws { try suite().changeNotification() }
    func testHashChain() throws { try suite().hashChain() }
    func testEventsInRange() throws { try suite().eventsInRange() }
    func testHistoryOfACase() throws { try suite().historyOfACase() }
    func testAccessRefusal() throws { try suite().accessRefusal() }
    func testReadOnlyFeedAndHeartbeat() throws { try suite().readOnlyFeedAndHeartbeat() }
}

final class MemoryStoreConformanceTests: XCTestCase {
    func suite() throws -> StoreConformance { try StoreConformance(MemoryBackend()) }
    func testAppend() throws { try suite().append() }
    func testBatchRefusal() throws { try suite().batchRefusal() }
    func testConcurrentWriters() throws { try suite().concurrentWriters() }
    func testCaseVersionConflict() throws { try suite().caseVersionConflict() }
    func testCatchingUp() throws { try suite().catchingUp() }
    func testChangeNotification() throws { try suite().changeNotification() }
    func testHashChain() throws { try suite().hashChain() }
    func testEventsInRange() throws { try suite().eventsInRange() }
    func testHistoryOfACase() throws { try suite().historyOfACase() }
    func testAccessRefusal() throws { try suite().accessRefusal() }
    func testReadOnlyFeedAndHeartbeat() throws { try suite().readOnlyFeedAndHeartbeat() }
}
