import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import PostgresStore
import XCTest

/// `migrate`: a file store into PostgreSQL and back, byte for byte.
final class MigrationTests: StoreTestCase {
    /// 500 towns of one village and one grid each, so reports spread as a city's do
    /// (building the store then costs the same per report from first to last).
    private static let grids: [Command] = (1...500).flatMap { t -> [Command] in
        let town = "210203" + String(format: "%03d", t)
        return [.registerUnit(Unit(code: town, name: "街道\(t)", tier: .town, parent: "210203")),
                .registerUnit(Unit(code: town + "001", name: "社区\(t)", tier: .village, parent: town)),
                .registerUnit(Unit(code: town + "001001", name: "网格\(t)", tier: .grid, parent: town + "001"))]
    }

    /// A file store of at least `events` events: reports, and every third one accepted.
    private func fileStore(events: Int) throws -> StoreLocation {
        let s = try FileStore.create(paths: paths, actor: "tester@host", commands: Array(Self.units.prefix(2)) + Self.grids, clock: clock, policy: quiet)
        var n = 0
        while s.lastSeq < UInt64(events) {
            let reports = (0..<1000).map { i in
                Command.report(NewCase(category: .disputeProperty, level: .yellow, location: "210203" + String(format: "%03d", (n + i) % 500 + 1) + "001001", title: "第\(n + i)件"))
            }
            try s.execute(reports, rejected: nil)
            let accepts = stride(from: n + 1, to: n + 1000, by: 3).map { i in
                Command.act(.accept(note: ""), on: CaseRecord.number(forOrdinal: i), expectedVersion: nil)
            }
            try s.execute(accepts, rejected: nil)
            n += 1000
        }
        s.close(snapshotAfter: .max)
        return .directory(paths.directory)
    }

    private func head(_ l: StoreLocation) throws -> String {
        let h = try l.scan().head()
        return "\(h.hash) \(h.seq)"
    }

    func testAHundredThousandEventsRoundTrip() throws {
        let file = try fileStore(events: 100_000)
        let pg = StoreLocation.postgres(try PostgresBackend.freshDatabase())
        let back = StoreLocation.directory(root + "/back")
        let options = StoreLocation.Options(clock: clock, policy: quiet)
        let there = try StoreMigration.migrate(from: file, to: pg, options)
        XCTAssertGreaterThanOrEqual(there.records, 100_000)
        let again = try StoreMigration.migrate(from: pg, to: back, options)
        XCTAssertEqual(again.records, there.records)
        for l in [file, pg, back] {
            let v = try l.verify(anchor: nil, quick: false)
            XCTAssertNil(v.report.problem, "\(l)")
            XCTAssertEqual(v.report.records, there.records, "\(l)")
        }
        XCTAssertEqual(try head(pg), try head(file))
        XCTAssertEqual(try head(back), try head(file))
        // Batch framing may differ (the copy is written in its own batches); the records may not.
        func payloads(_ path: String) throws -> [[UInt8]] {
            let source = try LogRecordSource(path: path)
            var all: [[UInt8]] = []
            while case let page = try source.nextRecords(), !page.isEmpty { all += page.map(\.payload) }
            return all
        }
        let original = try payloads(paths.log), copied = try payloads(root + "/back/events.log")
        XCTAssertEqual(original.count, there.records)
        XCTAssertTrue(original == copied, "every record comes back byte for byte")
        // The copy has a snapshot, so its first console does not replay the stream.
        guard case .postgres(let p) = pg else { return }
        XCTAssertEqual(try PostgresStore(location: p, actor: "t", clock: clock, policy: quiet).startedAtSnapshot, UInt64(there.records))
    }

    func testADamagedSourceCopiesNothing() throws {
        let s = try makeStore()
        for i in 0..<20 { try s.execute(alert("第\(i)件")) }
        s.close()
        var bytes = try logBytes()
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: URL(fileURLWithPath: paths.log))
        let pg = try PostgresBackend.freshDatabase()
        XCTAssertThrowsError(try StoreMigration.migrate(from: .directory(paths.directory), to: .postgres(pg))) { e in
            XCTAssertTrue("\(e)".contains("nothing was copied") || "\(e)".contains("damaged"), "\(e)")
        }
        XCTAssertFalse(PostgresStore.exists(at: pg), "the failed copy left no schema")
        let dir = root + "/copy"
        XCTAssertThrowsError(try StoreMigration.migrate(from: .directory(paths.directory), to: .directory(dir)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir), "the failed copy left no directory")
    }

    func testTheDestinationMustBeNew() throws {
        let s = try makeStore()
        s.close()
        XCTAssertThrowsError(try StoreMigration.migrate(from: .directory(paths.directory), to: .directory(paths.directory)))
        let pg = try PostgresBackend.freshDatabase()
        _ = try StoreMigration.migrate(from: .directory(paths.directory), to: .postgres(pg))
        XCTAssertThrowsError(try StoreMigration.migrate(from: .directory(paths.directory), to: .postgres(pg))) { e in
            guard case .exists = e as? StoreError else { return XCTFail("\(e)") }
        }
    }
}
