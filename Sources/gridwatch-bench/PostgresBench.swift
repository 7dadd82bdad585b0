import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import PostgresStore

/// 7. The PostgreSQL store, on the server `pg_virtualenv` describes in the PG*
/// variables: appends a second through gridwatch beside the same server's raw rate for
/// the append function (pgbench, same run); append-to-screen delay for a console on
/// another host (a network namespace); opening 100k and 1M events to the first frame
/// against the file store.
struct PostgresBench {
    let gridwatch: String
    let directory: String
    let seed: UInt64
    let report: Report

    /// Why the server cannot be used, or nil.
    static var unavailable: String? {
        let env = ProcessInfo.processInfo.environment
        if env["PGHOST"] == nil || env["PGPORT"] == nil { return "no PostgreSQL server in PGHOST/PGPORT (run under pg_virtualenv -t -o fsync=on)" }
        if !Processes.onPath("psql") { return "psql is not on the PATH" }
        if !FileManager.default.isExecutableFile(atPath: pgbench) { return "no \(pgbench) (apt-get install postgresql-15)" }
        return nil
    }

    static let pgbench = "/usr/lib/postgresql/15/bin/pgbench"

    /// A new, empty database; its location.
    func database(_ suffix: String) throws -> PostgresLocation {
        let name = "gwbench_\(getpid())_\(suffix)"
        _ = try Processes.run(["psql", "-X", "-q", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS \(name)", "-c", "CREATE DATABASE \(name)"])
        do { return try PostgresLocation(url: "postgres:///\(name)") } catch { throw BenchError(error.description) }
    }

    private func psql(_ db: PostgresLocation, _ sql: String) throws -> String {
        let out = directory + "/psql.out"
        _ = try Processes.run(["psql", "-X", "-q", "-A", "-t", "-d", db.database, "-c", sql], output: out)
        return ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 7a/7b: single alerts and batches of 1,000 through `PostgresStore`, then the raw
    /// function with envelopes of the same size.
    func appends(units: [DispatchCore.Unit], singles: Int, batches: Int) throws {
        let db = try database("append")
        report.note("    PostgreSQL: fsync = \(try psql(db, "SHOW fsync")), synchronous_commit = \(try psql(db, "SHOW synchronous_commit"))")
        let setup: [Command] = units.map { .registerUnit($0) }
        let store: PostgresStore
        do { store = try PostgresStore.create(location: db, actor: "bench@host", commands: setup) } catch { throw BenchError(error.description) }
        var synth = Synthetic(seed: seed)
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        func timed(_ batchSize: Int, _ count: Int) throws -> Double {
            let first = store.lastSeq, t = monotonic()
            for i in 0..<count {
                let batch = (0..<batchSize).map { j in Command.report(synth.newCase(grids: grids, at: nil, externalId: "pg-\(batchSize)-\(i)-\(j)")) }
                do { _ = try store.execute(batch, rejected: nil) } catch { throw BenchError(error.description) }
            }
            return Double(store.lastSeq - first) / (monotonic() - t)
        }
        let single = try timed(1, singles)
        let batched = try timed(1000, batches)
        store.close(snapshotAfter: .max)
        let size = Int(try psql(db, "SELECT avg(length(envelope))::int FROM gridwatch.events WHERE position > \(units.count)")) ?? 400
        let raw = try rawRates(envelopeBytes: size, singles: singles, batches: batches)
        report.row("7", "PostgreSQL appends/s, single alerts (one call each)", String(format: "%.0f/s", single),
                   String(format: "raw append() %.0f/s", raw.single), ratio: raw.single / single, target: "", met: nil)
        report.row("7", "PostgreSQL events/s, batches of 1,000", String(format: "%.0f/s", batched),
                   String(format: "raw append() %.0f/s", raw.batched), ratio: raw.batched / batched, target: "", met: nil)
        report.note("    envelopes of \(size) bytes on average; raw append() driven by pgbench, one client, the same function and server")
    }

    /// The append function's own rate, driven by pgbench with no gridwatch in the way:
    /// events a second for one-event calls and for 1,000-event calls.
    private func rawRates(envelopeBytes: Int, singles: Int, batches: Int) throws -> (single: Double, batched: Double) {
        let db = try database("raw")
        do { _ = try PostgresStore.create(location: db, actor: "bench@host", commands: [.registerUnit(Unit(code: "210200", name: "大连市", tier: .city, parent: nil))]) } catch {
            throw BenchError(error.description)
        }
        let head = "(SELECT position, hash FROM gridwatch.events ORDER BY position DESC LIMIT 1)"
        let one = "SELECT gridwatch.append(h.position, ARRAY[gen_random_uuid()], ARRAY[h.hash], ARRAY[sha256(convert_to(random()::text, 'UTF8'))], ARRAY[decode(repeat('ab', :size), 'hex')]) FROM \(head) h;\n"
        let many = "WITH h AS \(head), k AS (SELECT i, sha256(convert_to(random()::text || i, 'UTF8')) AS x FROM generate_series(1, 1000) i), "
            + "l AS (SELECT i, x, coalesce(lag(x) OVER (ORDER BY i), (SELECT hash FROM h)) AS p FROM k) "
            + "SELECT gridwatch.append((SELECT position FROM h), array_agg(gen_random_uuid() ORDER BY i), array_agg(p ORDER BY i), "
            + "array_agg(x ORDER BY i), array_agg(decode(repeat('ab', :size), 'hex') ORDER BY i)) FROM l;\n"
        func tps(_ script: String, _ transactions: Int) throws -> Double {
            let file = directory + "/pgbench.sql", out = directory + "/pgbench.out"
            try script.write(toFile: file, atomically: true, encoding: .utf8)
            _ = try Processes.run([PostgresBench.pgbench, "-n", "-c", "1", "-t", String(transactions), "-D", "size=\(envelopeBytes)", "-f", file, db.database],
                                  output: out)
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
                  let value = Double(line.dropFirst(6).prefix { $0 != " " }) else { throw BenchError("no tps in pgbench's output: \(text.prefix(300))") }
            return value
        }
        return (try tps(one, singles), try tps(many, batches) * 1000)
    }

    /// 7c: a console on another host (a network namespace when root), an alert a
    /// fifth of a second appended here; the time from each append being acknowledged
    /// to the console drawing a frame that includes it.
    func delay(units: [DispatchCore.Unit], samples: Int) throws {
        let db = try database("delay")
        let writer: PostgresStore
        do { writer = try PostgresStore.create(location: db, actor: "bench@host", commands: units.map { .registerUnit($0) }) } catch {
            throw BenchError(error.description)
        }
        defer { writer.close(snapshotAfter: .max) }
        let env = ProcessInfo.processInfo.environment
        let port = Int(env["PGPORT"] ?? "") ?? 5432
        let user = env["PGUSER"] ?? "postgres"
        var net: BenchNet?
        if BenchNet.unavailable == nil { net = try BenchNet(upstreamPort: port) }
        defer { net?.tearDown() }
        let url = net.map { "postgres://\(user)@\($0.relayAddress):\($0.relayPort)/\(db.database)" } ?? "postgres:///\(db.database)"
        let trace = directory + "/frames.trace"
        var consoleEnv = env
        consoleEnv["TERM"] = "xterm-256color"; consoleEnv["LANG"] = "C.UTF-8"; consoleEnv["GRIDWATCH_FRAME_TRACE"] = trace
        consoleEnv.removeValue(forKey: "COLUMNS"); consoleEnv.removeValue(forKey: "LINES"); consoleEnv.removeValue(forKey: "NO_COLOR")
        let probe = try PtyProbe((net?.exec ?? []) + [gridwatch, "--store", url], width: 200, height: 60, environment: consoleEnv)
        _ = probe.drain(quiet: 1.5, limit: 20)
        var synth = Synthetic(seed: seed)
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        var acked: [(seq: UInt64, ms: Int64)] = []
        for i in 0..<samples {
            do { _ = try writer.execute([.report(synth.newCase(grids: grids, at: nil, externalId: "delay-\(i)"))], rejected: nil) } catch {
                throw BenchError(error.description)
            }
            acked.append((writer.lastSeq, Int64(Date().timeIntervalSince1970 * 1000)))
            _ = probe.count(for: 0.2)
        }
        _ = probe.count(for: 1)
        probe.quit()
        let frames = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line -> (UInt64, Int64)? in
            let f = line.split(separator: " ")
            guard f.count == 2, let s = UInt64(f[0]), let t = Int64(f[1]) else { return nil }
            return (s, t)
        }
        let delays = acked.compactMap { a in frames.first { $0.0 >= a.seq }.map { Double(max(0, $0.1 - a.ms)) / 1000 } }
        guard delays.count == acked.count else { throw BenchError("the console drew \(delays.count) of \(acked.count) alerts") }
        let where_ = net == nil ? "on this host (not root: no namespace)" : "in another network namespace"
        report.row("7", "PostgreSQL append-to-screen delay, console \(where_), p50 / p99 (\(samples) alerts)",
                   "\(ms(percentile(delays, 50))) / \(ms(percentile(delays, 99)))", "", ratio: .nan, target: "< 1 s", met: percentile(delays, 99) < 1)
    }

    /// 7d: the console opening a store of `events` events to its first frame (plain
    /// text, 200x60): from PostgreSQL (after `migrate`, which leaves a snapshot in the
    /// database) against the same store as a file.
    func startup(store: StorePaths, events: Int) throws {
        let db = try database("open\(events)")
        let t = monotonic()
        do { _ = try StoreMigration.migrate(from: .directory(store.directory), to: .postgres(db)) } catch { throw BenchError(error.description) }
        let label = events >= 1_000_000 ? "\(events / 1_000_000)M" : "\(events / 1000)k"
        report.note("    migrated \(label) events into PostgreSQL in \(seconds(monotonic() - t))")
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "200"; env["LINES"] = "60"; env["TERM"] = "dumb"
        func median(_ storeArg: String) throws -> Double {
            try (0..<3).map { _ in try Processes.run([gridwatch, "--store", storeArg], environment: env).seconds }.sorted()[1]
        }
        let pg = try median("postgres:///\(db.database)")
        let file = try median(store.directory)
        report.row("7", "open \(label) events to first frame, PostgreSQL (snapshot in the database)", seconds(pg), "file store \(seconds(file))",
                   ratio: file / pg, target: "", met: nil)
    }
}
