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
        let bad = try gw("stats", "--since", "--json")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("'--json' is not a time"), bad.err)
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
