import Foundation
import XCTest

/// Concurrent writers, killed writers and damaged logs, with the real binary.
final class DurabilityTests: CLITestCase {
    func testThreeProcessesRaisingAtOnce() throws {
        try initSmall()
        let script = """
        for w in 1 2 3; do
          ( for i in $(seq 1 100); do "$GW" raise --store "$STORE" --unit 210203004001001 --category petition --level blue --title "w$w-$i" || exit 1; done ) > "$ROOT/out-$w" &
        done
        wait
        """
        let r = try Binary.shell(script, env: ["STORE": store, "ROOT": root])
        XCTAssertEqual(r.status, 0, r.err)
        let all = try events()
        let reported = all.filter { $0["type"] as? String == "caseReported" }
        XCTAssertEqual(reported.count, 300)
        XCTAssertEqual(all.compactMap { $0["seq"] as? Int }, Array(1...all.count), "gap-free")
        XCTAssertEqual(Set(reported.compactMap { $0["case"] as? String }).count, 300, "no number used twice")
        let printed = try (1...3).flatMap { try String(contentsOfFile: root + "/out-\($0)", encoding: .utf8).split(separator: "\n") }
        XCTAssertEqual(Set(printed.map(String.init)), Set(reported.compactMap { $0["case"] as? String }))
        XCTAssertEqual(try gw("verify").status, 0)
    }

    /// Twenty trials: three writers appending concurrently, all killed with SIGKILL at a
    /// random moment. After each: every acknowledged number is in the log, the sequence
    /// is gap-free, `verify` passes, and the next write succeeds.
    func testTwentyKillNineTrials() throws {
        try initSmall()
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<20 {
            let delay = Double.random(in: 0.2...0.9, using: &rng)
            let script = """
            for w in 1 2 3; do
              ( while true; do "$GW" raise --store "$STORE" --unit 210203004001 --category petition --level blue --title "t$w" >> "$ROOT/acked-$w" || true; done ) &
            done
            sleep \(String(format: "%.2f", delay))
            pkill -KILL -f "^$GW raise --store $STORE" ; pkill -KILL -P $$ ; pkill -KILL -f "^$GW raise --store $STORE"; wait 2>/dev/null; true
            """
            try Binary.shell(script, env: ["STORE": store, "ROOT": root])
            let v = try gw("verify")
            XCTAssertEqual(v.status, 0, "trial \(trial): \(v.err)")
            let next = try raise("after kill \(trial)")
            XCTAssertEqual(next.status, 0, "trial \(trial): \(next.err)")
        }
        let acked = try (1...3).flatMap { w in
            ((try? String(contentsOfFile: root + "/acked-\(w)", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        XCTAssertGreaterThan(acked.count, 40, "the writers got work done between kills")
        let all = try events()
        let logged = Set(all.compactMap { $0["case"] as? String })
        XCTAssertEqual(acked.filter { !logged.contains($0) }, [], "every acknowledged case is in the log")
        XCTAssertEqual(all.compactMap { $0["seq"] as? Int }, Array(1...all.count), "gap-free")
        XCTAssertEqual(Set(acked).count, acked.count, "no number acknowledged twice")
    }

    func testDamageInTheMiddle() throws {
        try initSmall()
        for i in 0..<10 { XCTAssertEqual(try raise("t\(i)").status, 0) }
        var bytes = [UInt8](try logData())
        let middle = bytes.count / 2
        for i in 0..<4 { bytes[middle + i] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: log))

        let v = try gw("verify")
        XCTAssertEqual(v.status, 1)
        XCTAssertTrue(v.err.contains("byte offset"), v.err)
        let refused = try raise("refused")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("damaged at byte offset") && refused.err.contains("gridwatch recover"), refused.err)
        XCTAssertEqual([UInt8](try logData()), bytes, "byte-for-byte unchanged")

        let rec = try gw("recover")
        XCTAssertEqual(rec.status, 0, rec.err)
        XCTAssertTrue(rec.out.contains("lost sequence numbers: "), rec.out)
        XCTAssertFalse(rec.out.contains("lost sequence numbers: none"), rec.out)
        let copies = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("events.log.damaged-") }
        XCTAssertEqual(copies.count, 1)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: store + "/" + copies[0]))), bytes)
        XCTAssertEqual(try gw("verify").status, 0)
        XCTAssertEqual(try raise("after recovery").status, 0)
    }

    func testTamperedRecordAndAnchor() throws {
        try initSmall()
        XCTAssertEqual(try raise("原始").status, 0)
        let head = try gw("events", "--head").out.split(separator: " ").first.map(String.init) ?? ""
        XCTAssertEqual(head.count, 64)
        XCTAssertEqual(try gw("verify", "--anchor", head).status, 0)
        let wrong = try gw("verify", "--anchor", String(repeating: "0", count: 64))
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.err.contains("anchor"), wrong.err)
    }
}
