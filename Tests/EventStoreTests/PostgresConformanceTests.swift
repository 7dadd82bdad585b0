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

    /// A new, empty database on the server.
    static func freshDatabase() throws -> PostgresLocation {
        try server()
        let db = "gw_test_" + UUID().uuidString.prefix(8).lowercased()
        try psql("CREATE DATABASE \(db)")
        return try PostgresLocation(url: "postgres:///\(db)")
    }

    /// Runs `sql` through psql as the server's superuser, in `database`; throws if it fails.
    static func psql(_ sql: String, database: String = "postgres") throws {
        let (status, output) = try psqlAs(nil, password: nil, sql, database: database)
        guard status == 0 else { throw PSQLFailed(message: "psql failed (\(status)): \(sql): \(output)") }
    }

    /// Runs `sql` through psql as `user` (the superuser when nil); the exit status and what it printed.
    static func psqlAs(_ user: String?, password: String?, _ sql: String, database: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql] + (user.map { ["-U", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        if let password { env["PGPASSWORD"] = password }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
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

struct PSQLFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
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
