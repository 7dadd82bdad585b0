import DispatchCore
import EventStore
import Foundation
import TestSupport
import PostgresStore
import XCTest

/// The PostgreSQL store: handles are separate connections to one database, as
/// consoles on separate hosts are. Each check gets a database of its own on the
/// server that `pg_virtualenv` (run by `.ci/run`) describes in the PG* variables.
final class PostgresBackend: StoreBackend {
    private var location: PostgresLocation?
    private var clock = ManualClock(Instant(ms: 0))
    private var policy = Policy.defaults

    /// A new, empty database on the server.
    static func freshDatabase() throws -> PostgresLocation {
        try PostgresLocation(url: "postgres:///\(try PGServer.freshDatabase())")
    }

    func makeStream(clock: ManualClock, policy: Policy) throws {
        self.clock = clock
        self.policy = policy
        let l = try Self.freshDatabase()
        location = l
        _ = try PostgresStore.create(location: l, actor: "setup", commands: StoreTestCase.units, clock: clock, policy: policy)
    }

    func open(actor: String) throws -> any CaseStore {
        guard let location else { throw XCTSkip("no server") }
        return try PostgresStore(location: location, actor: actor, clock: clock, policy: policy)
    }

    func openFeed() throws -> any CaseFeed { ReadOnlyFeed(try open(actor: "viewer")) }
}

final class PostgresStoreConformanceTests: XCTestCase {
    func suite() throws -> StoreConformance { try StoreConformance(PostgresBackend()) }
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
