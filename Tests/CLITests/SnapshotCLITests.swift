import Foundation
import XCTest

/// Snapshots through the real binary: one-shot commands start from them, agree with a
/// full replay, and survive a damaged or stale snapshot.
final class SnapshotCLITests: CLITestCase {
    private var snapshot: String { store + "/snapshot.bin" }

    /// A store with some history and a snapshot written by a writer (every 5 events here).
    private func storeWithSnapshot() throws {
        try initSmall()
        for i in 0..<6 { XCTAssertEqual(try raise("第\(i)件").status, 0) }
        let r = try Binary.run(["case", "accept", "GW000002", "--store", store], env: ["GRIDWATCH_SNAPSHOT_EVERY": "5"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot), "a writer past the threshold leaves a snapshot")
    }

    /// Writers keep earlier snapshots under snapshots/; a view of the past starts from
    /// the newest one before its moment and agrees, at every moment, with a replay of
    /// the whole log. A case's timeline from before that snapshot is still whole.
    func testTheAsOfViewStartsFromAnEarlierSnapshotAndAgreesWithAFullReplay() throws {
        try initSmall()
        var seqs: [Int] = []
        for i in 0..<12 {
            let env = ["GRIDWATCH_SNAPSHOT_EVERY": "3"]
            XCTAssertEqual(try Binary.run(["raise", "--store", store, "--unit", "210203004001001", "--category", "service",
                                           "--level", "blue", "--title", "第\(i)件"], env: env).status, 0)
            if i % 4 == 0 { XCTAssertEqual(try Binary.run(["case", "accept", "GW\(String(format: "%06d", i + 1))", "--store", store], env: env).status, 0) }
            seqs.append(try events().count)
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: store + "/snapshots").filter { $0.hasSuffix(".bin") }
        XCTAssertFalse(kept.isEmpty, "earlier snapshots are kept")
        XCTAssertLessThanOrEqual(kept.count, 3, "the newest two and one for today")
        let moments = [seqs[1], seqs[5], seqs[8], seqs[11]]
        let fromSnapshots = try moments.map { try gw("stats", "--json", "--as-of-seq", String($0)).out }
        let shown = try gw("case", "show", "GW000001", "--as-of-seq", String(seqs[11]))
        let traced = try Binary.run(["stats", "--json", "--as-of-seq", String(seqs[8]), "--store", store], env: ["GRIDWATCH_LOG": "debug"])
        XCTAssertTrue(traced.err.contains("from the snapshot of event #"), "a kept snapshot was used: \(traced.err)")
        try FileManager.default.removeItem(atPath: store + "/snapshots")
        try FileManager.default.removeItem(atPath: snapshot)
        for (m, expected) in zip(moments, fromSnapshots) {
            XCTAssertEqual(try gw("stats", "--json", "--as-of-seq", String(m)).out, expected, "as of #\(m)")
        }
        XCTAssertEqual(try gw("case", "show", "GW000001", "--as-of-seq", String(seqs[11])).out, shown.out, "the same timeline")
    }

    func testRaiseStartsFromTheSnapshotAndAgreesWithAFullReplay() throws {
        try storeWithSnapshot()
        let raised = try raise("快照之后")
        XCTAssertEqual(raised.status, 0, raised.err)
        XCTAssertEqual(raised.out, "GW000007\n")
        XCTAssertEqual(raised.err, "", "a usable snapshot is used silently")
        let withSnapshot = try gw("stats", "--json").out
        try FileManager.default.removeItem(atPath: snapshot)
        XCTAssertEqual(try gw("stats", "--json").out, withSnapshot, "the same figures from the whole log")
    }

    func testADamagedSnapshotIsReportedIgnoredAndReplaced() throws {
        try storeWithSnapshot()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: snapshot))
        let before = try gw("stats", "--json").out
        XCTAssertTrue(try gw("stats", "--json").err.contains("ignoring snapshot"))
        let accepted = try gw("case", "accept", "GW000003")
        XCTAssertEqual(accepted.status, 0, accepted.err)
        XCTAssertTrue(accepted.err.contains("ignoring snapshot"), accepted.err)
        let after = try gw("stats", "--json")
        XCTAssertEqual(after.err, "", "the writer replaced the unusable snapshot")
        XCTAssertNotEqual(after.out, before)
        XCTAssertEqual(try gw("verify").status, 0)
    }

    func testVerifyQuickChecksOnlyWhatFollowsTheSnapshot() throws {
        try storeWithSnapshot()
        let snapshotEnd = try logData().count
        XCTAssertEqual(try raise("尾部一").status, 0)
        XCTAssertEqual(try raise("尾部二").status, 0)
        let quick = try gw("verify", "--quick")
        XCTAssertEqual(quick.status, 0, quick.err)
        XCTAssertTrue(quick.out.contains(" records after the snapshot at seq "), quick.out)
        // A changed byte in the first record after the snapshot, with a good one after it.
        var log = [UInt8](try logData())
        log[snapshotEnd + 30] ^= 0x01
        try Data(log).write(to: URL(fileURLWithPath: self.log))
        let bad = try gw("verify", "--quick")
        XCTAssertEqual(bad.status, 1, bad.out)
        XCTAssertTrue(bad.err.contains("verify:") && bad.err.contains("\(snapshotEnd)"), bad.err)
    }

    func testVerifyQuickWithoutASnapshotChecksEverything() throws {
        try initSmall()
        XCTAssertEqual(try raise().status, 0)
        let r = try gw("verify", "--quick")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("no snapshot"), r.err)
        XCTAssertTrue(r.out.hasPrefix("ok: "), r.out)
        let anchored = try gw("verify", "--quick", "--anchor", String(repeating: "0", count: 64))
        XCTAssertEqual(anchored.status, 64)
        XCTAssertTrue(anchored.err.contains("use it without --quick"), anchored.err)
    }

    func testEventsSinceAndHeadReadTheSameWithOrWithoutTheSnapshot() throws {
        try storeWithSnapshot()
        XCTAssertEqual(try raise("尾部").status, 0)
        let all = try gw("events", "--json").out
        let since = try gw("events", "--json", "--since", "3").out
        let head = try gw("events", "--head").out
        try FileManager.default.removeItem(atPath: snapshot)
        XCTAssertEqual(try gw("events", "--json").out, all)
        XCTAssertEqual(try gw("events", "--json", "--since", "3").out, since)
        XCTAssertEqual(try gw("events", "--head").out, head)
        let lines = all.split(separator: "\n")
        XCTAssertEqual(since.split(separator: "\n").count, lines.count - 3)
        XCTAssertTrue(head.hasSuffix(" \(lines.count)\n"), head)
    }
}
