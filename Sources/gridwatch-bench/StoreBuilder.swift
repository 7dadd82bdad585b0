import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// Builds a gridwatch store of a given number of events, and the SQLite database
/// holding the same rows, for the raise and start-up comparisons.
struct StoreBuilder {
    let directory: String
    let seed: UInt64

    /// A row of the SQLite events table.
    typealias Row = (type: String, caseNo: String, unit: String, level: String, at: Int64, body: String)

    /// Creates `<directory>/gw-N` (with a snapshot, as a writer leaves it) and `<directory>/sq-N.db`.
    func build(events: Int, units: [DispatchCore.Unit], reuse: Bool) throws -> (store: StorePaths, sqlite: String, openCases: Int) {
        let paths = StorePaths(directory: "\(directory)/gw-\(events)")
        let sqlite = "\(directory)/sq-\(events).db"
        if reuse, FileManager.default.fileExists(atPath: paths.log), FileManager.default.fileExists(atPath: sqlite) {
            do { return (paths, sqlite, try StoreLocation.directory(paths.directory).openFeed().model.cases.filter { $0.state.isOpen }.count) } catch {
                throw BenchError("cannot reuse \(paths.directory): \(error.description)")
            }
        }
        try? FileManager.default.removeItem(atPath: paths.directory)
        try? FileManager.default.removeItem(atPath: sqlite)
        let clock = ManualClock(SystemClock().now().adding(.days(-200)))
        let setup: [Command] = units.map { .registerUnit($0) }
            + [.registerAgency(Agency(id: "housing", name: "住建", nameEn: "Housing", kind: .rotating))]
        let store: any CaseStore
        // Snapshots only at the end, as a writer that stopped there would leave one.
        let options = StoreLocation.Options(clock: clock, snapshotEvery: .max)
        do { store = try StoreLocation.directory(paths.directory).create(actor: "bench@host", commands: setup, options) } catch {
            throw BenchError("cannot create \(paths.directory): \(error.description)")
        }
        var rows: [Row] = []
        rows.reserveCapacity(events)
        var where_: [String: (String, String)] = [:]
        for u in units { rows.append(("unitRegistered", "", u.code, "", clock.now().ms, u.name)) }
        rows.append(("agencyRegistered", "", "", "", clock.now().ms, "housing"))
        var synth = Synthetic(seed: seed)
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        var inFlight: [(number: String, stage: Int, last: Int)] = []
        var ordinal = 1
        var lastKept = 0
        while Int(store.lastSeq) < events {
            let n = min(2000, events - Int(store.lastSeq))
            let batch = (0..<n).map { _ in synth.nextCommand(grids: grids, inFlight: &inFlight, nextOrdinal: &ordinal) }
            clock.advance(Duration(ms: Int64(15_000 * n)))
            let made: [StoredEvent]
            do { made = try store.execute(batch, rejected: { _, _ in }) } catch { throw BenchError("building the store: \(error.description)") }
            // The last nine days (an event every 15 s is 5,760 a day) leave a snapshot a
            // day, kept for views of the past as a running store keeps them.
            if events - Int(store.lastSeq) <= 9 * 5760, Int(store.lastSeq) - lastKept >= 5760 {
                store.close(snapshotAfter: 1)  // written now, in the foreground; the store stays open
                lastKept = Int(store.lastSeq)
            }
            for e in made {
                let number = e.event.body.caseNumber ?? ""
                if case .caseReported(let r) = e.event.body { where_[number] = (r.location, r.level.rawValue) }
                let (unit, level) = where_[number] ?? ("", "")
                rows.append((e.type.rawValue, number, unit, level, e.event.at.ms, String(describing: e.event.body)))
            }
        }
        store.close(snapshotAfter: 1)
        let peer = try SQLitePeer(path: sqlite)
        try peer.exec(SQLitePeer.eventsTable)
        try peer.fillEvents(rows)
        return (paths, sqlite, store.model.cases.filter { $0.state.isOpen }.count)
    }
}
