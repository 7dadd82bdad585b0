import ArgumentParser
import DispatchCore
import EventStore
import Foundation

/// `gridwatch-bench`: every figure of README's Performance table in one run, side by
/// side with SQLite where it has a peer. Synthetic data from `--seed`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridwatch-bench",
        abstract: "Measure gridwatch against SQLite and print a table (run with -c release).",
        discussion: "Needs the gridwatch binary of the same build beside this one, and sqlite3 on the PATH.")

    @Option(help: "Seed for the synthetic data.") var seed: UInt64 = 42
    @Option(help: "Multiply every size by this (0.01 for a quick smoke run).") var scale: Double = 1
    @Option(help: "Raises per store size.") var runs: Int = 30
    @Option(help: "Work directory (default: a fresh one under /tmp, removed afterwards).") var dir: String?
    @Flag(help: "Print the table as Markdown at the end.") var markdown = false
    @Option(help: "Run only these items, e.g. 2,3 (default: all; 7, PostgreSQL, needs a server in PGHOST/PGPORT).") var only: String = "1,2,3,4,5,6,7,8,9"
    @Flag(help: "Keep the work directory and reuse stores already built in it.") var keep = false

    private func wants(_ item: Int) -> Bool { only.split(separator: ",").contains { $0 == Substring(String(item)) } }

    func run() throws {
        let gridwatch = Processes.sibling("gridwatch")
        guard FileManager.default.isExecutableFile(atPath: gridwatch) else {
            throw BenchError("no gridwatch binary at \(gridwatch): build it first (swift build -c release)")
        }
        guard Processes.onPath("sqlite3") else { throw BenchError("sqlite3 is not on the PATH (apt-get install sqlite3)") }
        let work = dir ?? NSTemporaryDirectory() + "gwbench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
        let report = Report()
        try BenchPolicy.install(in: work)
        report.note("gridwatch-bench: seed \(seed), scale \(scale), \(ProcessInfo.processInfo.activeProcessorCount) cores, work in \(work)")
        report.note("# | measure | gridwatch | peer | peer ÷ gridwatch | target | verdict")
        let n = { (x: Int) in max(100, Int(Double(x) * scale)) }
        let units = Synthetic.units(total: 2000)
        let grid = units.last?.code ?? ""
        let procs = ProcessBenches(directory: work, gridwatch: gridwatch, seed: seed, report: report)
        if wants(1) { try procs.ingest(count: n(100_000), units: units) }
        let builder = StoreBuilder(directory: work, seed: seed)
        var stores: [Int: (StorePaths, String, Int)] = [:]
        // Item 5 watches the newest alerts scroll: its own copy of the 100k store, taken
        // before item 2 appends its identical raises, which would fill the Alerts pane with
        // identical rows that cost nothing to move.
        let terminalStore = "\(work)/gw-terminal"
        let storeSizes = [10_000, 100_000, 1_000_000].filter { size in
            wants(2) || ((wants(3) || wants(6) || wants(7)) && size >= 100_000) || (wants(5) && size == 100_000)
                || (wants(9) && size == 1_000_000)
        }
        for size in storeSizes.map(n) {
            let t = monotonic()
            let (store, sqlite, open) = try builder.build(events: size, units: units, reuse: keep)
            report.note("    built a store of \(size) events (\(open) open cases) and its SQLite twin in \(seconds(monotonic() - t))")
            stores[size] = (store, sqlite, open)
            if wants(5), size == n(100_000) {
                try? FileManager.default.removeItem(atPath: terminalStore)
                try FileManager.default.copyItem(atPath: store.directory, toPath: terminalStore)
            }
            if wants(2) { try procs.raise(store: store, sqlite: sqlite, events: size, grid: grid, runs: runs) }
        }
        for size in [100_000, 1_000_000].map(n) where wants(3) || wants(6) {
            guard let (store, sqlite, open) = stores[size] else { continue }
            try procs.startup(store: store, sqlite: sqlite, events: size, openCases: open)
        }
        if wants(9), let (store, _, _) = stores[n(1_000_000)] {
            try PastBench(gridwatch: gridwatch, report: report).run(store: store, events: n(1_000_000))
        }
        if wants(4) { FrameBench(seed: seed, report: report).run(frames: 300, unitCount: max(2000, n(20_000)), openCases: n(100_000)) }
        if wants(5), stores[n(100_000)] != nil {
            let grids = units.filter { $0.tier == .grid }.map(\.code)
            try TerminalBench(gridwatch: gridwatch, report: report).run(store: terminalStore, grids: grids)
        }
        if wants(7) { try postgres(units: units, stores: stores.mapValues(\.0), n: n, work: work, report: report) }
        if wants(8) { try HTTPBench(gridwatch: gridwatch, directory: work, seed: seed, report: report).run(units: units, requests: n(3000)) }
        if markdown { print(report.markdown()) }
    }

    private func postgres(units: [DispatchCore.Unit], stores: [Int: StorePaths], n: (Int) -> Int, work: String, report: Report) throws {
        if let why = PostgresBench.unavailable {
            report.note("7: skipped: \(why)")
            return
        }
        let pg = PostgresBench(gridwatch: Processes.sibling("gridwatch"), directory: work, seed: seed, report: report)
        try pg.appends(units: units, singles: n(2000), batches: max(5, Int(100 * scale)))
        try pg.delay(units: units, samples: max(10, Int(100 * scale)))
        for size in [100_000, 1_000_000].map(n) {
            if let store = stores[size] { try pg.startup(store: store, events: size) }
        }
    }
}
