import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL store under faults, through the real binary: a writer killed
/// mid-batch, the server stopped at once mid-stream, a connection cut mid-append.
/// After each, nothing acknowledged is lost, nothing is appended twice, and `verify`
/// passes.
final class PostgresFaultTests: CLITestCase {
    private var database = ""
    private var url: String { "postgres:///\(database)" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        database = try PGServer.freshDatabase()
        // 200 grids, so reports spread as a city's do.
        var csv = "code,name,tier,parent\n210200,大连市,city,\n210203,西岗区,county,210200\n210203004,日新街道,town,210203\n"
        for v in 1...10 {
            let village = "210203004" + String(format: "%03d", v)
            csv += "\(village),社区\(v),village,210203004\n"
            for g in 1...20 { csv += "\(village)\(String(format: "%03d", g)),网格\(v)-\(g),grid,\(village)\n" }
        }
        try csv.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["init", "--store", url, "--units", root + "/units.csv"])
        XCTAssertEqual(r.status, 0, r.err)
    }

    private static func grid(_ i: Int) -> String {
        "210203004" + String(format: "%03d", i % 10 + 1) + String(format: "%03d", i / 10 % 20 + 1)
    }

    /// `events --json` of the store, as dictionaries.
    private func stream() throws -> [[String: Any]] {
        let r = try Binary.run(["events", "--json", "--store", url])
        XCTAssertEqual(r.status, 0, r.err)
        return r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The reports in the stream: how many carry each external id, and each case's external id.
    private func reports() throws -> (perID: [String: Int], caseToID: [String: String]) {
        var perID: [String: Int] = [:], caseToID: [String: String] = [:]
        let all = try stream()
        let seqs = all.compactMap { $0["seq"] as? Int }
        XCTAssertEqual(seqs, Array(0..<seqs.count).map { $0 + 1 }, "positions are gap-free")
        for e in all where e["type"] as? String == "caseReported" {
            let id = e["external_id"] as? String ?? ""
            perID[id, default: 0] += 1
            caseToID[e["case"] as? String ?? ""] = id
        }
        return (perID, caseToID)
    }

    private func assertVerifies(file: StaticString = #filePath, line: UInt = #line) throws {
        let v = try Binary.run(["verify", "--store", url])
        XCTAssertEqual(v.status, 0, "verify: \(v.out) \(v.err)", file: file, line: line)
    }

    /// Starts `gridwatch ARGS` with its output in files under the test's directory.
    private func start(_ args: [String], name: String, env: [String: String] = [:]) throws -> Child {
        try Subprocess.start([Binary.url.path] + args, environment: ProcessInfo.processInfo.environment.merging(env) { $1 },
                             output: root + "/\(name).out", errors: root + "/\(name).err")
    }

    private func lines(_ name: String) -> [String] {
        ((try? String(contentsOfFile: root + "/\(name)", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    // MARK: SIGKILL

    /// An ingest killed three times mid-run, then run to the end: every line is there
    /// once, and every case it printed before a kill is there with its line.
    func testWriterKilledMidBatch() throws {
        let total = 12_000
        let text = (0..<total).map { i in
            #"{"unit":"\#(Self.grid(i))","category":"dispute.property","level":"yellow","title":"第\#(i)件","external_id":"k\#(i)"}"#
        }.joined(separator: "\n") + "\n"
        try text.write(toFile: root + "/alerts.jsonl", atomically: true, encoding: .utf8)
        var acknowledged: [String: String] = [:]  // case -> external id, from what ingest printed
        for round in 0..<3 {
            let before = try reports().perID.count
            // On a fast machine two rounds may finish the file before a kill lands.
            if before == total { break }
            let p = try start(["ingest", "--batch", "500", "--store", url, root + "/alerts.jsonl"], name: "kill\(round)")
            // Kill once a few batches past what earlier rounds left, mid-way through the next.
            XCTAssertTrue(waitUntil(120) { lines("kill\(round).out").count >= 1000 || !p.isRunning }, "round \(round) made progress")
            usleep(UInt32.random(in: 0...150_000))
            p.signal(SIGKILL)
            p.wait()
            for l in lines("kill\(round).out") {
                let f = l.split(separator: " ")
                guard f.count == 2, let n = Int(f[0]) else { continue }
                acknowledged[String(f[1])] = "k\(n - 1)"
            }
            XCTAssertGreaterThan(try reports().perID.count, before, "round \(round) appended before it was killed")
            try assertVerifies()
        }
        let last = try start(["ingest", "--batch", "500", "--store", url, root + "/alerts.jsonl"], name: "final")
        XCTAssertEqual(last.wait(), 0, lines("final.err").suffix(3).joined(separator: "\n"))
        let (perID, caseToID) = try reports()
        XCTAssertEqual(perID.count, total, "every line is in the stream")
        XCTAssertEqual(perID.filter { $0.value > 1 }.count, 0, "no line twice")
        XCTAssertGreaterThan(acknowledged.count, 1000)
        XCTAssertEqual(acknowledged.filter { caseToID[$0.key] != $0.value }.count, 0, "every acknowledged case is there with its line")
        try assertVerifies()
    }

    // MARK: Server stopped

    /// Writers retry each alert with the same external id until it is acknowledged;
    /// mid-stream the server is stopped with `-m immediate` and started again. Every
    /// acknowledged alert is there once, `verify` passes, and a console that watched
    /// it all shows the outage and then the last alert, by itself.
    func testServerStoppedImmediatelyMidStream() throws {
        guard Tmux.available else { throw XCTSkip("tmux is not installed") }
        let console = try Tmux("'\(Binary.url.path)' --store '\(url)'", width: 120, height: 36)
        XCTAssertTrue(console.wait(for: 20) { $0.contains("西岗区") }.ok, console.screen())
        let count = 40
        let script = """
        for i in $(seq 1 \(count)); do
          end=$((SECONDS + 60))
          until out=$("$GW" raise --store "$URL" --unit "210203004001001" --category petition --level blue --title "停机$i" --external-id "s$i" 2>>"$ROOT/stop.err"); do
            [ $SECONDS -ge $end ] && exit 1
            sleep 0.2
          done
          echo "$i $out" >> "$ROOT/stop.acked"
        done
        """
        let writer = try Subprocess.start(["/bin/bash", "-c", script],
                                          environment: ProcessInfo.processInfo.environment.merging(["GW": Binary.url.path, "URL": url, "ROOT": root]) { $1 },
                                          output: root + "/writer.out", errors: root + "/writer.err")
        XCTAssertTrue(waitUntil(60) { lines("stop.acked").count >= 8 }, "the writer got going")
        try PGServer.control("stop", ["-m", "immediate"])
        var restarted = false
        defer { if !restarted { try? PGServer.control("start") } }
        let outage = console.wait(for: 25) { $0.contains("✕") }
        XCTAssertTrue(outage.ok, "the console shows the outage:\n\(outage.screen)")
        try PGServer.control("start")
        restarted = true
        XCTAssertEqual(writer.wait(), 0, "every alert was acknowledged in the end")
        let acked = lines("stop.acked")
        XCTAssertEqual(acked.count, count)
        let (perID, caseToID) = try reports()
        for line in acked {
            let f = line.split(separator: " ")
            XCTAssertEqual(f.count, 2, line)
            guard f.count == 2 else { continue }
            XCTAssertEqual(caseToID[String(f[1])], "s\(f[0])", "acknowledged \(line) is in the stream")
            XCTAssertEqual(perID["s\(f[0])"], 1, "s\(f[0]) once")
        }
        XCTAssertFalse(lines("stop.err").isEmpty, "the writer saw the outage")
        try assertVerifies()
        // The selection stays on the case it was on, so the newest rows may be scrolled
        // away: the pane's count says every alert arrived.
        let back = console.wait(for: 30) { $0.contains("Alerts \(count) ") && !$0.contains("✕") }
        XCTAssertTrue(back.ok, "the console recovered by itself:\n\(back.screen)")
        console.send("q")
    }

    // MARK: Connection cut

    /// The connection is cut right after the append call reaches the server (it lands,
    /// the answer is lost), and then right before (nothing lands): both times the
    /// writer finds out by event id, acknowledges, and the alert is there once.
    func testConnectionCutMidAppend() throws {
        guard let port = ProcessInfo.processInfo.environment["PGPORT"].flatMap(Int.init) else { throw XCTSkip("no PGPORT") }
        let proxy = try CuttingProxy(upstreamPort: port)
        defer { proxy.stop() }
        let viaProxy = "postgres://\(ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres")@127.0.0.1:\(proxy.port)/\(database)"
        for (title, after) in [("答复丢失", true), ("请求丢失", false)] {
            proxy.arm("gridwatch.append", afterForwarding: after)
            let r = try Binary.run(["raise", "--store", viaProxy, "--unit", "210203004001001", "--category", "petition", "--level", "blue",
                                    "--title", title, "--external-id", title])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.hasPrefix("GW"), r.out)
            XCTAssertTrue(r.err.contains("asking whether the batch landed"), "the writer said what happened: \(r.err) (cuts: \(proxy.cuts))")
            let (perID, caseToID) = try reports()
            XCTAssertEqual(perID[title], 1, "\(title) is there once")
            XCTAssertEqual(caseToID[r.out.trimmingCharacters(in: .whitespacesAndNewlines)], title)
        }
        XCTAssertEqual(proxy.cuts, 2)
        // A batch of 300 through a connection cut after the server took it.
        let text = (0..<300).map { i in
            #"{"unit":"\#(Self.grid(i))","category":"hazard.fire","level":"red","title":"批\#(i)","external_id":"b\#(i)"}"#
        }.joined(separator: "\n") + "\n"
        proxy.arm("gridwatch.append", afterForwarding: true)
        let r = try Binary.run(["ingest", "--store", viaProxy, "-"], stdin: text)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").count, 300)
        let (perID, _) = try reports()
        XCTAssertEqual((0..<300).filter { perID["b\($0)"] != 1 }, [], "each line of the batch once")
        XCTAssertEqual(proxy.cuts, 3)
        try assertVerifies()
    }
}
