import Foundation
import TestSupport
import XCTest

/// Issue-level acceptance for cards, warnings, indicators and the handover, with the real binary.
final class SupervisionCLITests: CLITestCase {
    func typed(_ type: String) throws -> [[String: Any]] { try events().filter { $0["type"] as? String == type } }

    func testAnOldRedAlertGetsExactlyOneRedCardAfterTwoSweeps() throws {
        try initSmall()
        let threeDaysAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86400))
        let line = #"{"unit":"210203004001001","category":"petition","level":"red","title":"旧告警","reported_at":"\#(threeDaysAgo)"}"#
        XCTAssertEqual(try Binary.run(["ingest", "--store", store, "-"], stdin: line + "\n").status, 0)
        XCTAssertEqual(try gw("sweep").out, "sweep: 1 cards, 1 warnings\n")
        XCTAssertEqual(try gw("sweep").out, "sweep: 0 cards, 0 warnings\n")
        let cards = try typed("caseSupervised")
        XCTAssertEqual(cards.count, 1)
        XCTAssertEqual(cards.first?["level"] as? String, "red")
        XCTAssertEqual(try typed("warningRaised").compactMap { $0["rule"] as? String }, ["overdue"])
        // The clock's cards are the sweep's, still traceable to the account that ran it.
        XCTAssertEqual(cards.first?["actor"] as? String, TestPolicy.userName + "/sweep")
        XCTAssertEqual(cards.first?["uid"] as? Int, Int(getuid()))
        XCTAssertEqual(try typed("warningRaised").first?["actor"] as? String, TestPolicy.userName + "/sweep")
        XCTAssertEqual(try typed("caseReported").first?["actor"] as? String, TestPolicy.userName)
    }

    func testTheConsolesOwnSweepIsRecordedAsTheSweep() throws {
        try XCTSkipUnless(Tmux.available, "tmux is not installed (.ci/run installs it)")
        try initSmall()
        let threeDaysAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86400))
        let line = #"{"unit":"210203004001001","category":"petition","level":"red","title":"旧告警","reported_at":"\#(threeDaysAgo)"}"#
        XCTAssertEqual(try Binary.run(["ingest", "--store", store, "-"], stdin: line + "\n").status, 0)
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --lang en")
        defer { tmux.send("q") }
        var cards: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(15)
        while cards.isEmpty, Date() < deadline {
            usleep(200_000)
            cards = try typed("caseSupervised")
        }
        XCTAssertEqual(cards.count, 1, tmux.screen())
        XCTAssertEqual(cards.first?["actor"] as? String, TestPolicy.userName + "/sweep", "not the officer at the console")
    }

    func testConcurrentSweepsRecordEachCardOnce() throws {
        try initSmall()
        let old = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86400))
        var lines = ""
        for i in 0..<20 {
            lines += #"{"unit":"210203004001","category":"petition","level":"blue","title":"t\#(i)","reported_at":"\#(old)","external_id":"x\#(i)"}"# + "\n"
        }
        XCTAssertEqual(try Binary.run(["ingest", "--store", store, "-"], stdin: lines).status, 0)
        let r = try Binary.shell("""
        for i in 1 2 3 4; do "$GW" sweep --store "$STORE" > /dev/null & done; wait
        """, env: ["STORE": store])
        XCTAssertEqual(r.status, 0, r.err)
        let cards = try typed("caseSupervised")
        XCTAssertEqual(cards.count, 20, "one card per case, however many sweeps ran at once")
        XCTAssertEqual(Set(cards.compactMap { $0["case"] as? String }).count, 20)
        XCTAssertEqual(try gw("verify").status, 0)
    }

    func testRepeatAndCrowdWarnings() throws {
        try initSmall()
        for (i, unit) in ["210203004001001", "210203004001", "210203004"].enumerated() {
            let r = try Binary.run(["raise", "--store", store, "--unit", unit, "--category", "petition", "--level", "blue",
                                    "--title", "第\(i + 1)次上访", "--reporter", "王某"])
            XCTAssertEqual(r.status, 0, r.err)
        }
        let repeats = try typed("warningRaised").filter { $0["rule"] as? String == "repeat" }
        XCTAssertEqual(repeats.count, 1)
        XCTAssertEqual(repeats.first?["cases"] as? [String], ["GW000001", "GW000002", "GW000003"])
        let crowd = try Binary.run(["raise", "--store", store, "--unit", "210203004001", "--category", "dispute.labour",
                                    "--level", "orange", "--title", "停工讨薪", "--people", "60"])
        XCTAssertEqual(crowd.status, 0)
        XCTAssertEqual(try typed("warningRaised").filter { $0["rule"] as? String == "crowd" }.count, 1)
    }

    func testStatsOnAHandCheckedStore() throws {
        try initSmall()
        for i in 1...4 { XCTAssertEqual(try raise("案件\(i)", unit: i == 4 ? "210203004001" : "210203004001001").status, 0) }
        for n in ["GW000001", "GW000002", "GW000003"] { XCTAssertEqual(try gw("case", "accept", n).status, 0) }
        for n in ["GW000001", "GW000002"] {
            for action in [["resolve"], ["close"]] { XCTAssertEqual(try Binary.run(["case"] + action + [n, "--store", store]).status, 0) }
        }
        XCTAssertEqual(try gw("case", "visit", "GW000001", "--outcome", "satisfied").status, 0)
        XCTAssertEqual(try gw("case", "visit", "GW000002", "--outcome", "unsatisfied").out, "GW000002 reopened (version 6)\n")

        let json = try gw("stats", "--json")
        XCTAssertEqual(json.status, 0, json.err)
        let k = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(k["reported"] as? Int, 4)
        XCTAssertEqual(k["accepted"] as? Int, 3)
        XCTAssertEqual(k["visited"] as? Int, 2)
        XCTAssertEqual(k["satisfied"] as? Int, 1)
        XCTAssertEqual(k["acceptance_rate"] as? Double, 0.75)
        XCTAssertEqual(k["satisfaction_rate"] as? Double, 0.5)
        for key in ["on_time_acceptance_rate", "resolution_rate", "on_time_resolution_rate", "followup_rate", "repeat_rate",
                    "resolved_at_village_share", "resolved_at_town_or_below_share", "escalated_to_county_or_above_share", "overdue_open"] {
            XCTAssertNotNil(k[key], key)
        }

        let csv = try gw("stats", "--csv")
        let rows = csv.out.split(separator: "\n")
        XCTAssertTrue(rows.first?.hasPrefix("unit,name,reported,accepted") == true, csv.out)
        XCTAssertEqual(rows.count, 2, "one row per county below the city")
        XCTAssertTrue(rows.last?.hasPrefix("210203,\"西岗区\",4,3") == true, csv.out)

        let md = try gw("handover")
        XCTAssertEqual(md.status, 0, md.err)
        XCTAssertTrue(md.out.hasPrefix("# "), md.out)
        // GW000002 was closed and then reopened by the unsatisfied visit: only GW000001 stays closed.
        for heading in ["## Summary", "## Needs attention", "## Came in (4)", "## Closed (1)", "## Open and overdue by tier", "## Warnings",
                        "## Follow-ups due next shift"] {
            XCTAssertTrue(md.out.contains(heading), heading)
        }
        XCTAssertTrue(md.out.contains("- Came in (recorded since then, backdated reports included): 4 ("), md.out)
        XCTAssertTrue(md.out.contains("By level: "), "what came in is counted, not listed\n\(md.out)")
        let all = try gw("handover", "--all")
        XCTAssertTrue(all.out.contains("| GW000004 | red | dispute.property | 日新街道 · 民乐社区 |"), "listed with --all, its place with its path\n\(all.out)")
    }

    func testBadConfigNamesFileLineAndKey() throws {
        try initSmall()
        let path = root + "/config.toml"
        try "[accept]\nred = \"10m\"\npurple = \"1h\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try gw("raise", "--config", path, "--unit", "210203004001", "--category", "petition", "--level", "red", "--title", "x")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("\(path):3: accept.purple: unknown level"), r.err)
        try "[cards]\nred = \"lots\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(try gw("sweep", "--config", path).err.contains(":2: cards.red"))
        try "[accept]\nred = \"1m\"\n[followup]\ndelay = \"1d\"\n[warning]\ncrowd_people = 10\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try gw("raise", "--config", path, "--unit", "210203004001", "--category", "petition", "--level", "red",
                              "--title", "x", "--people", "12").status, 0)
        XCTAssertEqual(try typed("warningRaised").compactMap { $0["rule"] as? String }, ["crowd"], "crowd_people = 10 applies")
        let accept = try typed("caseReported").first?["accept_by"] as? String
        let at = try typed("caseReported").first?["reported_at"] as? String
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let a = accept.flatMap(f.date), let b = at.flatMap(f.date) { XCTAssertEqual(a.timeIntervalSince(b), 60, accuracy: 0.01) }
        else { XCTFail("times not parsed") }
    }
}
