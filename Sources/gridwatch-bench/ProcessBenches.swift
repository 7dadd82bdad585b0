import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// The measurements that run gridwatch and its peers as whole processes.
struct ProcessBenches {
    let directory: String
    let gridwatch: String
    let seed: UInt64
    let report: Report

    /// `gridwatch ingest` of `count` alerts at `grids`, in `categories`, into a fresh
    /// store of `units`; the process's cost, and the alerts file.
    private func ingestRun(_ name: String, count: Int, units: [DispatchCore.Unit], grids: [String],
                           categories: [Category] = Category.allCases) throws -> (ProcessCost, String) {
        let paths = StorePaths(directory: "\(directory)/\(name)")
        let setup: [Command] = units.map { .registerUnit($0) }
        do { try StoreLocation.directory(paths.directory).create(actor: "bench@host", commands: setup).close() } catch {
            throw BenchError(error.description)
        }
        var synth = Synthetic(seed: seed)
        let lines = (0..<count).map { i in
            Synthetic.jsonLine(synth.newCase(grids: grids, at: nil, externalId: "dept-\(i)", categories: categories))
        }
        let file = "\(directory)/\(name).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let gw = try Processes.run([gridwatch, "ingest", "--store", paths.directory, file])
        let stored: Int
        do { stored = try StoreLocation.directory(paths.directory).openFeed().model.cases.count } catch { throw BenchError(error.description) }
        guard stored == count else { throw BenchError("ingest stored \(stored) of \(count) alerts") }
        return (gw, file)
    }

    /// 1. Durable ingest of `count` alerts: `gridwatch ingest` against SQLite inserting
    /// the same lines (parsed by the same parser) in one WAL transaction; and the same
    /// number of alerts into 3 grid cells and 5 categories (a burst in a few places)
    /// against the spread load, which should cost about the same.
    func ingest(count: Int, units: [DispatchCore.Unit]) throws {
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        let (gw, file) = try ingestRun("ingest", count: count, units: units, grids: grids)
        let (burst, _) = try ingestRun("ingest-burst", count: count, units: units, grids: Array(grids.prefix(3)),
                                       categories: Array(Category.allCases.prefix(5)))
        report.row("1", "ingest \(count / 1000)k alerts into 3 grid cells and 5 categories", seconds(burst.seconds),
                   "spread over \(grids.count) grids: \(seconds(gw.seconds))", ratio: gw.seconds / burst.seconds,
                   target: "within 1.3x of spread", met: burst.seconds <= 1.3 * gw.seconds)
        try raiseAtBusyPlace(count: count, grid: grids[0], spreadGrid: grids[grids.count / 2])

        let started = monotonic()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let split = bytes.split(separator: 10).map { Array($0) }
        let peer = try SQLitePeer(path: "\(directory)/ingest.db")
        try peer.exec(SQLitePeer.alertsTable)
        let inserted = try peer.ingest(lines: split)
        let sq = monotonic() - started
        guard inserted == count else { throw BenchError("sqlite inserted \(inserted) of \(count)") }
        report.row("1", "ingest \(count / 1000)k alerts (JSON Lines, durable)", seconds(gw.seconds), seconds(sq),
                   ratio: sq / gw.seconds, target: "≥ 2x SQLite", met: sq / gw.seconds >= 2)
        // How much of the peer's time is the parser both sides share: the part gridwatch
        // moves to its second core, and a floor under what either side can reach.
        let parseStarted = monotonic()
        let parsed = split.reduce(0) { n, line in (try? IntakeLine.parse(line[...])) == nil ? n : n + 1 }
        let parse = monotonic() - parseStarted
        report.note("    the intake parser alone on the same \(parsed) lines: \(seconds(parse)), "
                    + "\(Int((100 * parse / sq).rounded())) % of SQLite's ingest")
    }

    /// 1. `raise` into the burst store, at one of its 3 grid cells in one of its 5
    /// categories, so about a fifteenth of its alerts are earlier reports of the same kind
    /// there (their marks lie in the snapshot's archive, which a raise reads in place),
    /// against a raise into the spread store.
    private func raiseAtBusyPlace(count: Int, grid: String, spreadGrid: String) throws {
        let category = Category.allCases[0].rawValue
        let args = { (store: String, unit: String) in
            [gridwatch, "raise", "--store", store, "--unit", unit, "--category", category, "--level", "blue", "--title", "繁忙网格再报"]
        }
        let (busy, quiet) = try inTurn(args("\(directory)/ingest-burst", grid), args("\(directory)/ingest", spreadGrid), runs: 20)
        let earlier = count / 15
        report.row("1", "raise at a grid cell with about \(earlier / 1000)k earlier reports of its kind (the burst store), p50",
                   ms(percentile(busy, 50)), "the spread store: \(ms(percentile(quiet, 50)))",
                   ratio: percentile(quiet, 50) / percentile(busy, 50), target: "flat (≥ 0.77)",
                   met: percentile(quiet, 50) / percentile(busy, 50) >= 0.77)
    }

    /// 2. One durable `raise` as a whole process, against one `INSERT` by the `sqlite3` command.
    func raise(store: StorePaths, sqlite: String, events: Int, grid: String, runs: Int) throws {
        let raiseArgs = [gridwatch, "raise", "--store", store.directory, "--unit", grid, "--category",
                         Category.disputeProperty.rawValue, "--level", "blue", "--title", "基准测试"]
        let insert = "PRAGMA synchronous=FULL; INSERT INTO events (type, case_no, unit, level, at, actor, body) VALUES ('caseReported', 'GW9', '\(grid)', 'blue', 0, 'bench', '基准测试');"
        let (gw, sq) = try inTurn(raiseArgs, ["sqlite3", sqlite, insert], runs: runs)
        let label = events >= 1_000_000 ? "\(events / 1_000_000)M" : "\(events / 1000)k"
        let p50 = percentile(gw, 50), p99 = percentile(gw, 99)
        report.row("2", "raise on \(label) events, p50 / p99 (\(runs) runs)", "\(ms(p50)) / \(ms(p99))",
                   "\(ms(percentile(sq, 50))) / \(ms(percentile(sq, 99)))", ratio: percentile(sq, 50) / p50,
                   target: "p50 ≤ 1.5x sqlite3", met: p50 <= 1.5 * percentile(sq, 50))
    }

    /// Seconds of `runs` runs of each command, taken in turn so the machine's noise falls
    /// on both alike, after two rounds that warm the page cache.
    private func inTurn(_ a: [String], _ b: [String], runs: Int) throws -> ([Double], [Double]) {
        var first: [Double] = [], second: [Double] = []
        for i in 0..<(runs + 2) {
            let x = try Processes.run(a).seconds, y = try Processes.run(b).seconds
            if i >= 2 { first.append(x); second.append(y) }
        }
        return (first, second)
    }

    /// 3 and 6. Opening a store to the first full frame (the console's plain-text frame,
    /// 200x60), with and without the snapshot, against `cat` of the log and SQLite's
    /// per-unit, per-level aggregate of the same rows. Returns the peak RSS with snapshot.
    func startup(store: StorePaths, sqlite: String, events: Int, openCases: Int) throws {
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "200"; env["LINES"] = "60"; env["TERM"] = "dumb"
        let console = [gridwatch, "--store", store.directory]
        func best(_ argv: [String]) throws -> ProcessCost {
            var runs = try (0..<3).map { _ in try Processes.run(argv, environment: env) }.sorted { $0.seconds < $1.seconds }
            // Memory from a separate run: polling it costs CPU the timed runs should not lose.
            runs[1].peakRSS = try Processes.run(argv, environment: env, measureMemory: true).peakRSS
            return runs[1]
        }
        let snap = try best(console)
        let aside = store.snapshot + ".bench-aside"
        guard rename(store.snapshot, aside) == 0 else { throw BenchError("no snapshot at \(store.snapshot)") }
        let full: ProcessCost
        do { full = try best(console) } catch { rename(aside, store.snapshot); throw error }
        rename(aside, store.snapshot)
        let cat = try best(["cat", store.log])
        let agg = try best(["sqlite3", sqlite, "SELECT unit, level, count(*) FROM events GROUP BY unit, level;"])
        let label = events >= 1_000_000 ? "\(events / 1_000_000)M" : "\(events / 1000)k"
        let small = events < 1_000_000
        report.row("3", "open \(label) events to first frame, with snapshot", seconds(snap.seconds), "sqlite agg \(seconds(agg.seconds))",
                   ratio: agg.seconds / snap.seconds, target: small ? "≤ 5x SQLite agg" : "< 1 s",
                   met: small ? snap.seconds <= 5 * agg.seconds : snap.seconds < 1)
        report.row("3", "open \(label) events to first frame, no snapshot", seconds(full.seconds), "cat \(seconds(cat.seconds))",
                   ratio: cat.seconds / full.seconds, target: small ? "" : "< 3 s", met: small ? nil : full.seconds < 3)
        let logSize = (try? FileManager.default.attributesOfItem(atPath: store.log)[.size] as? Int) ?? 0
        report.row("6", "peak RSS opening \(label) events (\(openCases / 1000)k open cases), with snapshot / replaying",
                   "\(mb(snap.peakRSS)) / \(mb(full.peakRSS))", "log \(mb(logSize))",
                   ratio: Double(logSize) / Double(snap.peakRSS), target: small ? "< 2x log" : "< 1.6x log",
                   met: Double(snap.peakRSS) < (small ? 2 : 1.6) * Double(logSize))
        report.note("    \(label): \(snap.peakRSS / max(openCases, 1)) bytes of peak RSS per open case (with snapshot)")
    }
}

func ms(_ s: Double) -> String { s < 0.001 ? String(format: "%.0f µs", s * 1e6) : String(format: "%.1f ms", s * 1000) }
func seconds(_ s: Double) -> String { s < 1 ? ms(s) : String(format: "%.2f s", s) }
func mb(_ b: Int) -> String { String(format: "%.0f MB", Double(b) / 1_048_576) }
