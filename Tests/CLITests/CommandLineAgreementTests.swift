import Foundation
import TestSupport
import XCTest

/// The command line does what README says (issue 15, item 11).
final class CommandLineAgreementTests: CLITestCase {
    func testRelativeTimesAfterASpace() throws {
        try initSmall()
        XCTAssertEqual(try raise().status, 0)
        let stats = try gw("stats", "--since", "-2h", "--json")
        XCTAssertEqual(stats.status, 0, stats.err)
        XCTAssertTrue(stats.out.contains("\"reported\""), stats.out)
        let handover = try gw("handover", "--since", "-1h")
        XCTAssertEqual(handover.status, 0, handover.err)
        XCTAssertTrue(handover.out.contains("物业费纠纷"), handover.out)
        let future = try gw("handover", "--since", "+1h")
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.err.contains("'+1h' is in the future"), future.err)
        let bad = try gw("stats", "--since", "--json")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("'--json' is not a time"), bad.err)
    }

    /// 复盘: after alert A, time T, then alert B, the state as of T holds A and not B.
    func testStatsAndHandoverAsOfAMomentInThePast() throws {
        try initSmall()
        XCTAssertEqual(try raise("告警甲").status, 0)
        usleep(1_100_000)
        let t = ISO8601DateFormatter().string(from: Date())
        let seq = try events().count
        usleep(1_100_000)
        XCTAssertEqual(try raise("告警乙").status, 0)
        let reported = { (r: Binary.Result) -> Int? in
            (try? JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])?["reported"] as? Int
        }
        XCTAssertEqual(reported(try gw("stats", "--json")), 2)
        let past = try gw("stats", "--json", "--as-of", t)
        XCTAssertEqual(past.status, 0, past.err)
        XCTAssertEqual(reported(past), 1, "one report as of T")
        XCTAssertTrue(past.err.contains("a view of the past"), past.err)
        XCTAssertEqual(reported(try gw("stats", "--json", "--as-of-seq", String(seq))), 1)
        let handover = try gw("handover", "--as-of", t, "--since", "-1h")
        XCTAssertEqual(handover.status, 0, handover.err)
        XCTAssertTrue(handover.out.contains("告警甲") && !handover.out.contains("告警乙"), handover.out)
        XCTAssertTrue(handover.out.contains("accept by "), "an unaccepted case shows its accept-by time\n\(handover.out)")
        // Moments that are not there are refused, each naming what is wrong.
        for (args, said) in [(["--as-of", "+1h"], "--as-of '+1h' is in the future"),
                             (["--as-of", t, "--as-of-seq", "3"], "not both"),
                             (["--as-of-seq", "0"], "counts from 1"),
                             (["--as-of-seq", "999999"], "the store holds only"),
                             (["--as-of", "-30d"], "nothing had been recorded by -30d")] {
            let r = try Binary.run(["stats"] + args + ["--store", store])
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.err.contains(said), "\(args): \(r.err)")
        }
    }

    func testAnUnknownThemeNameIsNamedAtStart() throws {
        try initSmall()
        for args in [["--theme", "purple"], ["wall", "--theme", "purple"]] {
            let r = try Binary.run(args + ["--store", store])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.err.contains("no theme named 'purple' (built in: default, high-contrast, light, mono"), r.err)
        }
    }

    func testVersion() throws {
        let r = try Binary.run(["--version"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, r.out)
    }

    func testAnUnknownCaseActionIsNamed() throws {
        try initSmall()
        let r = try gw("case", "frobnicate", "42")
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("unknown case action 'frobnicate'"), r.err)
        XCTAssertTrue(r.err.contains("accept, void, dispatch"), r.err)
        XCTAssertFalse(r.err.contains("--store"), r.err)
        let none = try Binary.run(["case"])
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.err.contains("name an action"), none.err)
    }

    func testIngestTakesTheTimesRaiseTakes() throws {
        try initSmall()
        let line = { (title: String, at: String) in
            #"{"unit":"210203004001001","category":"dispute.property","level":"blue","title":"\#(title)","reported_at":"\#(at)"}"#
        }
        let input = [line("local", "2026-11-27 18:00"), line("relative", "-2h"), line("iso", "2026-11-27T10:00:00Z"),
                     line("nonsense", "yesterday")].joined(separator: "\n") + "\n"
        let r = try Binary.run(["ingest", "--store", store], stdin: input, env: ["TZ": "Asia/Shanghai"])
        XCTAssertEqual(r.status, 1, "one line was refused")
        XCTAssertTrue(r.err.contains("line 4: reported_at 'yesterday' is not a time"), r.err)
        let times = try events().compactMap { $0["reported_at"] as? String }
        XCTAssertEqual(times.count, 3)
        XCTAssertEqual(times.first, "2026-11-27T10:00:00.000Z", "18:00 in Shanghai")
        XCTAssertEqual(times.last, "2026-11-27T10:00:00.000Z")
    }

    func testFollowStartsAtTheLastTenEvents() throws {
        try initSmall()
        for i in 0..<15 { XCTAssertEqual(try raise("告警\(i)").status, 0) }
        let out = root + "/follow.out"
        TestPolicy.ensure()
        let child = try Subprocess.start([Binary.url.path, "events", "--follow", "--store", store],
                                         environment: ProcessInfo.processInfo.environment, output: out, errors: root + "/follow.err")
        defer { child.signal(SIGTERM); _ = child.wait() }
        let lines = { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n") }
        var deadline = Date().addingTimeInterval(5)
        while lines().count < 10, Date() < deadline { usleep(50_000) }
        usleep(300_000)
        XCTAssertEqual(lines().count, 10, lines().joined(separator: "\n"))
        XCTAssertTrue(lines().last?.contains("告警14") ?? false)
        XCTAssertEqual(try raise("跟随").status, 0)
        deadline = Date().addingTimeInterval(5)
        while lines().count < 11, Date() < deadline { usleep(50_000) }
        XCTAssertEqual(lines().count, 11)
        XCTAssertTrue(lines().last?.contains("跟随") ?? false, lines().joined(separator: "\n"))
    }
}

/// `--store` takes any path a person may type; a bad one is one line, never a crash.
final class StorePathTests: CLITestCase {
    func testATableOfPaths() throws {
        try Self.smallUnits.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        let long = String(repeating: "很长的目录名", count: 12)
        let good = ["s", "./t", "u/", "a b/c d", "中文 目录/存储", "x//y/", root + "/abs", root + "/abs2/", "\(long)/\(long)"]
        for path in good {
            // init makes the store's own directory; a missing parent is refused (a typo),
            // so the parent is made first.
            let script = """
            cd '\(root)' && mkdir -p "$(dirname '\(path)')" && "$GW" init --store '\(path)' --units units.csv >/dev/null && \
            "$GW" raise --store '\(path)' --unit 210203004001001 --category dispute.property --level red --title t && \
            "$GW" verify --store '\(path)'
            """
            let r = try Binary.shell(script)
            XCTAssertEqual(r.status, 0, "\(path): \(r.err)")
            XCTAssertTrue(r.out.hasPrefix("GW000001\nok:"), "\(path): \(r.out)")
        }
        let bad: [(String, String)] = [
            ("", "store"), ("/nonexistent-dir-\(UUID().uuidString)/s", "nonexistent-dir"), ("/", "no gridwatch store"),
            ("units.csv", "units.csv"), ("missing", "no gridwatch store"), ("no such/parent/s", "no gridwatch store"),
        ]
        for (path, expected) in bad {
            let r = try Binary.shell("cd '\(root)' && \"$GW\" raise --store '\(path)' --unit 1 --category petition --level red --title t")
            XCTAssertNotEqual(r.status, 0, path)
            XCTAssertLessThan(r.status, 128, "\(path) must not crash: \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "\(path): one line\n\(r.err)")
            XCTAssertTrue(r.err.contains(expected), "\(path): \(r.err)")
        }
        let typo = try Binary.shell("cd '\(root)' && \"$GW\" init --store 'no such/parent/s' --units units.csv")
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.err, "gridwatch: directory no such/parent does not exist\n")
    }
}
