import DispatchCore
import EventStore
import Foundation
import PostgresStore
import XCTest

/// The PostgreSQL store: handles are separate connections to one database, as
/// consoles on separate hosts are. Each check gets a database of its own on the
/// server that `pg_virtualenv` (run by `.ci/run`) describes in the PG* variables.
final class PostgresBackend: StoreBackend {
    private var location: PostgresLocation?
    private var clock = ManualClock(Instant(ms: 0))
    private var policy = Policy.defaults

    /// The server to use, or why there is none. Under CI a missing server is a failure.
    static func server() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["PGHOST"] != nil, env["PGPORT"] != nil else {
            if env["CI"] == "true" { XCTFail("CI=true but no PostgreSQL server is configured (run the tests under pg_virtualenv, as .ci/run does)") }
            throw XCTSkip("no PostgreSQL server configured (PGHOST, PGPORT): run `pg_virtualenv -t swift test` to include the PostgreSQL store")
        }
    }

    static func psql(_ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw XCTSkip("psql failed: \(sql)") }
    }

    func makeStream(clock: ManualClock, policy: Policy) throws {
        try Self.server()
        self.clock = clock
        self.policy = policy
        let db = "gw_test_" + UUID().uuidString.prefix(8).lowercased()
        try Self.psql("CREATE DATABASE \(db)")
        let l = try PostgresLocation(url: "postgres:///\(db)")
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
    func testReadOnlyFeedAndHeartbeat() throws { try suite().readOnlyFeedAndHeartbeat() }
}
