import DispatchCore
import EventStore
import Foundation
import TestSupport
import PostgresStore
import XCTest

/// Snapshots in the database: saved by writers, used on open only when the stream
/// holds their event with the same hash, ignored (never trusted) otherwise.
final class PostgresSnapshotTests: StoreTestCase {
    private func open(_ l: PostgresLocation, every: UInt64 = 20_000) throws -> PostgresStore {
        let s = try PostgresStore(location: l, actor: "tester@host", clock: clock, policy: quiet)
        s.snapshotEvery = every
        return s
    }

    private func summary(_ m: Model) -> [String] { m.cases.map { "\($0.number) \($0.state) \($0.version)" } }

    private func store(alerts: Int, every: UInt64) throws -> (PostgresLocation, PostgresStore) {
        let l = try PostgresBackend.freshDatabase()
        _ = try PostgresStore.create(location: l, actor: "setup", commands: Self.units, clock: clock, policy: quiet)
        let s = try open(l, every: every)
        for i in 0..<alerts {
            try s.execute(alert("第\(i)件"))
            s.maintain()
        }
        return (l, s)
    }

    func testAWriterSavesSnapshotsAndTheNextOpenStartsFromOne() throws {
        let (l, s) = try store(alerts: 120, every: 50)
        try s.execute(.act(.accept(note: "收到"), on: "GW000003", expectedVersion: nil))
        s.close(snapshotAfter: 1)
        let head = s.lastSeq
        let reopened = try open(l)
        XCTAssertEqual(reopened.startedAtSnapshot, head, "the open starts at the newest snapshot")
        XCTAssertEqual(summary(reopened.model), summary(s.model))
        XCTAssertEqual(reopened.headHash, s.headHash)
        // Events after the snapshot are read as usual.
        try reopened.execute(alert("快照之后"))
        let third = try open(l)
        XCTAssertEqual(third.startedAtSnapshot, head)
        XCTAssertEqual(summary(third.model), summary(reopened.model))
        XCTAssertEqual(third.model.cases.last?.title, "快照之后")
    }

    func testASnapshotThatDoesNotMatchTheStreamIsIgnored() throws {
        let (l, s) = try store(alerts: 30, every: 1_000)
        s.close(snapshotAfter: 1)
        XCTAssertEqual(try open(l).startedAtSnapshot, s.lastSeq)
        // A snapshot whose head is not the hash of its event is never joined to it.
        try PGServer.psql("""
            INSERT INTO gridwatch.snapshots (last_seq, head, size, chunks) VALUES (\(s.lastSeq), decode(repeat('ab', 32), 'hex'), 1, 1)
            """, database: l.database)
        XCTAssertEqual(try open(l).startedAtSnapshot, s.lastSeq, "the forged row is passed over for the real one")
        // A damaged chunk: the snapshot is read, refused, and the whole stream replayed.
        try PGServer.psql("UPDATE gridwatch.snapshot_chunks SET bytes = set_byte(bytes, 199, 255 - get_byte(bytes, 199))", database: l.database)
        let damaged = try open(l)
        XCTAssertEqual(damaged.startedAtSnapshot, 0)
        XCTAssertEqual(summary(damaged.model), summary(s.model))
        XCTAssertEqual(damaged.lastSeq, s.lastSeq)
    }

    /// The writer role may only append through the function and read; the reader role only read.
    func testRolesInTheDatabase() throws {
        let (l, s) = try store(alerts: 3, every: 1_000)
        let password = "pw" + UUID().uuidString.prefix(8)
        try PGServer.psql("CREATE ROLE gw_w_\(l.database) LOGIN PASSWORD '\(password)' IN ROLE gridwatch_writer; CREATE ROLE gw_r_\(l.database) LOGIN PASSWORD '\(password)' IN ROLE gridwatch_reader", database: l.database)
        var env = ProcessInfo.processInfo.environment
        env["PGPASSWORD"] = password
        env["PGHOST"] = "localhost"
        let writer = try PostgresStore(location: PostgresLocation(url: "postgres://gw_w_\(l.database)@/\(l.database)", environment: env),
                                       actor: "w", clock: clock, policy: quiet)
        try writer.execute(alert("写入者"))
        let reader = try PostgresStore(location: PostgresLocation(url: "postgres://gw_r_\(l.database)@/\(l.database)", environment: env),
                                       actor: "r", clock: clock, policy: quiet)
        XCTAssertEqual(reader.lastSeq, writer.lastSeq, "the reader reads")
        XCTAssertThrowsError(try reader.execute(alert("读者"))) { e in
            guard case .permission = e as? StoreError else { return XCTFail("\(e)") }
        }
        for (user, sql) in [("gw_w_\(l.database)", "INSERT INTO gridwatch.events SELECT position + 1000, gen_random_uuid(), prev_hash, hash, envelope FROM gridwatch.events LIMIT 1"),
                            ("gw_w_\(l.database)", "DELETE FROM gridwatch.events"),
                            ("gw_r_\(l.database)", "SELECT gridwatch.beat()")] {
            let (status, out) = try PGServer.psqlAs(user, password: password, sql, database: l.database)
            XCTAssertNotEqual(status, 0, "\(user) must not: \(sql)")
            XCTAssertTrue(out.contains("permission denied"), out)
        }
        // Not even the owner can change what was written.
        let (status, out) = try PGServer.psqlAs(nil, password: nil, "UPDATE gridwatch.events SET envelope = envelope WHERE position = 1", database: l.database)
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(out.contains("append-only"), out)
        _ = try reader.refresh()
        XCTAssertEqual(reader.lastSeq, writer.lastSeq, "the refused batch left nothing")
        _ = s
    }
}
