import Foundation
import TestSupport
import XCTest

/// The command line end to end: the real binary, real files.
final class CommandLineTests: CLITestCase {
    func testSampleInitRaiseAndEvents() throws {
        let r = try Binary.run(["init", "--store", store, "--sample", "dalian"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("22 agencies"), r.out)
        let units = try events().filter { $0["type"] as? String == "unitRegistered" }
        XCTAssertEqual(units.filter { $0["tier"] as? String == "county" }.count, 10)
        // The reference data lists 152 distinct town codes (its README says 151).
        XCTAssertEqual(units.filter { $0["tier"] as? String == "town" }.count, 152)
        XCTAssertGreaterThan(units.filter { $0["tier"] as? String == "grid" }.count, 500)
        XCTAssertTrue(units.contains { $0["code"] as? String == "210203004001" && $0["name"] as? String == "民乐社区" })

        let raised = try raise("楼道堆物", unit: "210203004001001")
        XCTAssertEqual(raised.status, 0, raised.err)
        XCTAssertEqual(raised.out, "GW000001\n", "the case number alone")
        let last = try XCTUnwrap(try events().last)
        XCTAssertEqual(last["type"] as? String, "caseReported")
        XCTAssertEqual(last["case"] as? String, "GW000001")
        // The actor is the account the kernel says ran the command, with its uid.
        XCTAssertEqual(last["actor"] as? String, TestPolicy.userName)
        XCTAssertEqual(last["uid"] as? Int, Int(getuid()))
        XCTAssertEqual(last["level"] as? String, "red")
        XCTAssertNotNil(last["seq"] as? Int)
        XCTAssertNotNil((last["at"] as? String).flatMap { $0.hasSuffix("Z") ? $0 : nil })
    }

    func testCaseActionsThroughTheCommandLine() throws {
        try initSmall()
        XCTAssertEqual(try raise().status, 0)
        XCTAssertEqual(try gw("case", "accept", "GW000001").out, "GW000001 accepted (version 2)\n")
        let d = try gw("case", "dispatch", "GW000001", "--to", "210203004", "--due", "+2d")
        XCTAssertEqual(d.status, 0, d.err)
        XCTAssertEqual(try gw("case", "sign", "GW000001").status, 0)
        XCTAssertEqual(try gw("case", "resolve", "GW000001", "--note", "调解成功").status, 0)
        XCTAssertEqual(try gw("case", "close", "GW000001").status, 0)
        XCTAssertEqual(try gw("case", "visit", "GW000001", "--outcome", "unsatisfied").out, "GW000001 reopened (version 8)\n")
        let types = try events().compactMap { $0["case"] != nil ? $0["type"] as? String : nil }
        XCTAssertEqual(types, ["caseReported", "caseAccepted", "caseDispatched", "caseSigned", "caseResolved", "caseClosed",
                               "followUpRecorded", "caseReopened"])
        let stale = try gw("case", "resolve", "GW000001", "--expect-version", "3")
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.err.contains("changed since you looked at it"), stale.err)
    }

    func testIngestReportsBadLinesAndNeverDuplicates() throws {
        try initSmall()
        let lines = """
        {"unit":"210203004001001","category":"dispute.labour","level":"orange","title":"欠薪","external_id":"p-1"}
        this is not json
        {"unit":"210203004001","category":"petition","level":"red","title":"重复信访","external_id":"p-2","people":3}
        {"unit":"999999","category":"petition","level":"red","title":"无此单位","external_id":"p-3"}
        {"unit":"210203004001001","category":"hazard.fire","level":"yellow","title":"消防通道堵塞","external_id":"p-4"}
        """
        try (lines + "\n").write(toFile: root + "/in.jsonl", atomically: true, encoding: .utf8)
        let first = try gw("ingest", root + "/in.jsonl")
        XCTAssertNotEqual(first.status, 0)
        XCTAssertTrue(first.err.contains("line 2:"), first.err)
        XCTAssertTrue(first.err.contains("line 4: unknown unit '999999'"), first.err)
        XCTAssertFalse(first.err.contains("line 1:") || first.err.contains("line 3:") || first.err.contains("line 5:"), first.err)
        XCTAssertEqual(first.out, "1 GW000001\n3 GW000002\n5 GW000003\n")
        XCTAssertEqual(try events().filter { $0["type"] as? String == "caseReported" }.count, 3)

        let before = try logData()
        let again = try Binary.run(["ingest", "--store", store, "-"], stdin: lines)
        XCTAssertNotEqual(again.status, 0, "the bad lines are still bad")
        XCTAssertEqual(again.out, "")
        XCTAssertTrue(again.err.contains("3 duplicates skipped"), again.err)
        XCTAssertEqual(try logData(), before, "nothing appended")
    }

    func testEveryCommandHasHelp() throws {
        for cmd in [["init"], ["raise"], ["ingest"], ["case"], ["case", "dispatch"], ["events"], ["verify"], ["recover"], ["units", "add"], ["agencies", "retire"], []] {
            let r = try Binary.run(cmd + ["--help"])
            XCTAssertEqual(r.status, 0, "\(cmd)")
            XCTAssertTrue(r.out.contains("USAGE"), "\(cmd): \(r.out)")
        }
    }

    func testBadCommandsFailCleanlyAndWriteNothing() throws {
        try initSmall()
        XCTAssertEqual(try raise().status, 0)
        let before = try logData()
        let cases: [([String], String)] = [
            (["raise", "--unit", "999", "--category", "petition", "--level", "red", "--title", "x"], "unknown unit '999'"),
            (["raise", "--unit", "210203004001", "--category", "nope", "--level", "red", "--title", "x"], "unknown category 'nope'"),
            (["raise", "--unit", "210203004001", "--category", "petition", "--level", "pink", "--title", "x"], "unknown level 'pink'"),
            (["raise", "--unit", "210203004001", "--category", "petition", "--level", "red", "--title", " "], "title must not be empty"),
            (["case", "accept", "GW999999"], "unknown case 'GW999999'"),
            (["case", "close", "GW000001"], "cannot close case GW000001: it is reported"),
            (["case", "accept", "GW000001", "--note", String(repeating: "长", count: 1001)], "note is too long"),
        ]
        for (args, message) in cases {
            let r = try Binary.run(args + ["--store", store])
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.err.contains(message), "\(args): \(r.err)")
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "one line: \(r.err)")
            XCTAssertEqual(try logData(), before, "\(args) wrote nothing")
        }
        XCTAssertEqual(try gw("case", "accept", "GW000001").status, 0)
        let noAgency = try gw("case", "dispatch", "GW000001", "--to", "nobody")
        XCTAssertTrue(noAgency.err.contains("unknown agency or centre 'nobody'"), noAgency.err)
        let missing = try Binary.run(["raise", "--store", root + "/nope/store", "--unit", "1", "--category", "petition", "--level", "red", "--title", "x"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("no gridwatch store at"), missing.err)
        let missingDir = try Binary.run(["init", "--sample", "dalian", "--store", root + "/nope/store"])
        XCTAssertEqual(missingDir.status, 1)
        XCTAssertTrue(missingDir.err.contains("does not exist"), missingDir.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/nope"))
    }

    func testHostileTitleIsStoredExactlyButPrintedInert() throws {
        try initSmall()
        let hostile = "\u{1B}]0;X\u{07}\u{1B}[2J\u{1B}[31m红\u{202E}abc"
        XCTAssertEqual(try raise(hostile).status, 0)
        let text = try gw("events", "--since", "5")
        XCTAssertFalse(text.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, text.out)
        XCTAssertTrue(text.out.contains("\\e]0;X\\x07\\e[2J\\e[31m红\\u{202E}abc"), text.out)
        let json = try events().last
        XCTAssertEqual(json?["title"] as? String, hostile, "stored exactly")
    }

    /// The admin's upkeep of the hierarchy: units and agencies added, renamed and
    /// retired as events; a retired unit keeps its cases and takes no new ones.
    func testUnitsAndAgenciesAreKeptUpAsEvents() throws {
        try initSmall()
        XCTAssertEqual(try raise("旧社区的案件", unit: "210203004001001").status, 0)
        let added = try gw("units", "add", "--code", "210203004009", "--name", "新民社区", "--tier", "village", "--parent", "210203004")
        XCTAssertEqual(added.status, 0, added.err)
        XCTAssertEqual(added.out, "added unit 210203004009\n")
        XCTAssertEqual(try gw("units", "rename", "--code", "210203004009", "--name", "新民里社区").status, 0)
        XCTAssertEqual(try gw("agencies", "add", "--id", "court", "--zh", "西岗区法院", "--en", "District court", "--kind", "resident").status, 0)
        let badKind = try gw("agencies", "add", "--id", "x", "--zh", "某", "--kind", "boss")
        XCTAssertEqual(badKind.status, 64)
        XCTAssertEqual(try gw("case", "accept", "GW000001").status, 0)
        XCTAssertEqual(try gw("case", "dispatch", "GW000001", "--to", "court").status, 0, "a new agency takes work")
        let retired = try gw("units", "retire", "--code", "210203004001", "--reason", "并入新民里社区")
        XCTAssertEqual(retired.status, 0, retired.err)
        let refused = try raise("退役社区的新案件", unit: "210203004001001")
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.err, "gridwatch: unit 210203004001 (民乐社区) is retired and takes no new cases\n")
        XCTAssertEqual(try gw("case", "show", "GW000001").status, 0, "its history stays")
        XCTAssertEqual(try raise("新社区的案件", unit: "210203004009").status, 0)
        XCTAssertEqual(try gw("units", "add", "--code", "210203010", "--name", "新区街道", "--tier", "town", "--parent", "210203").status, 0)
        let moved = try gw("units", "move", "--code", "210203004009", "--parent", "210203010")
        XCTAssertEqual(moved.status, 0, moved.err)
        let stats = try gw("stats", "--unit", "210203010", "--json")
        XCTAssertTrue(stats.out.contains("\"reported\":1"), "the moved village's case counts under its new town: \(stats.out)")
        XCTAssertEqual(try gw("agencies", "retire", "--id", "court", "--reason", "并入中院").status, 0)
        let types = try events().compactMap { $0["type"] as? String }
        for t in ["unitRenamed", "unitRetired", "agencyRetired", "unitMoved"] { XCTAssertTrue(types.contains(t), t) }
        let renamed = try events().first { $0["type"] as? String == "unitRenamed" }
        XCTAssertEqual(renamed?["name"] as? String, "新民里社区")
        XCTAssertEqual(try gw("verify").status, 0)
    }
}
