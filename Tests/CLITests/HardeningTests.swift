import Foundation
import XCTest

/// A full disk and a store the user may not write, with the real binary.
final class HardeningTests: CLITestCase {
    func testFullDiskThroughTheFileSizeLimit() throws {
        try initSmall()
        var lines = ""
        for i in 0..<4000 {
            lines += #"{"unit":"210203004001","category":"petition","level":"blue","title":"第\#(i)条告警，用于填满磁盘配额","detail":"\#(String(repeating: "详", count: 40))"}"# + "\n"
        }
        try lines.write(toFile: root + "/big.jsonl", atomically: true, encoding: .utf8)
        let size = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int ?? 0
        let blocks = (size + 300_000) / 1024
        // SIGXFSZ ignored (inherited through exec), so writes past the limit fail with EFBIG.
        let r = try Binary.shell("""
        trap '' XFSZ; ulimit -f \(blocks); "$GW" ingest --store "$STORE" --batch 500 "$ROOT/big.jsonl" > "$ROOT/acked"; echo "status=$?" >&2
        """, env: ["STORE": store, "ROOT": root])
        XCTAssertTrue(r.err.contains("status=1"), "a clean non-zero exit, not a signal death: \(r.err.suffix(300))")
        XCTAssertTrue(r.err.contains("file too large"), r.err.suffix(300).description)
        XCTAssertEqual(r.err.components(separatedBy: "file too large").count, 2, "one clear error line")
        XCTAssertEqual(try gw("verify").status, 0, "the log is sound")
        let acked = try String(contentsOfFile: root + "/acked", encoding: .utf8).split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
        XCTAssertGreaterThan(acked.count, 0, "some batches fit before the limit")
        XCTAssertLessThan(acked.count, 4000)
        let logged = Set(try events().compactMap { $0["case"] as? String })
        XCTAssertEqual(Set(acked), logged, "exactly the acknowledged batches are in the log")
        XCTAssertEqual(try raise("after the disk was freed").status, 0)
    }

    func testAStoreTheUserMayNotWrite() throws {
        try XCTSkipUnless(getuid() == 0, "needs root to run a command as another user")
        try initSmall()
        XCTAssertEqual(try raise().status, 0)
        chmod(root, 0o755)
        chmod(store, 0o755)
        chmod(log, 0o644)
        let before = try logData()
        let asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups \"$GW\""
        let w = try Binary.shell("""
        \(asNobody) raise --store "$STORE" --unit 210203004001 --category petition --level red --title x
        """, env: ["STORE": store])
        XCTAssertEqual(w.status, 1)
        XCTAssertEqual(w.err, "gridwatch: open \(log): permission denied (this account may not do that to the store; see README, Who may do what)\n")
        XCTAssertEqual(try logData(), before, "nothing written")
        let r = try Binary.shell("\(asNobody) events --store \"$STORE\" --json", env: ["STORE": store])
        XCTAssertEqual(r.status, 0, "reading needs only read permission: \(r.err)")
        XCTAssertTrue(r.out.contains("GW000001"))
        XCTAssertEqual(try Binary.shell("\(asNobody) verify --store \"$STORE\"", env: ["STORE": store]).status, 0)
    }

    /// Hostile lines through the real `ingest`: each refused with its line number and a
    /// reason, no crash or hang, and the log byte-for-byte unchanged.
    func testHostileIntakeLinesWriteNothing() throws {
        try initSmall()
        let ok = #""unit":"210203004001","category":"petition","level":"red""#
        var lines: [[UInt8]] = [
            Array(#"{\#(ok),"title":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),          // invalid UTF-8
            Array(#"{\#(ok),"title":"a"#.utf8) + [0x00] + Array(#"b"}"#.utf8),               // a NUL byte
            Array(#"{\#(ok),"title":"\#(String(repeating: "x", count: 1_000_000))"}"#.utf8), // a 1 MB title
            Array((String(repeating: "[", count: 100_000)).utf8),                            // nested 100,000 deep
            Array(#"{\#(ok),"title":"t","people":99999999999999999999}"#.utf8),             // out of range
            Array(#"{\#(ok),"title":17}"#.utf8),                                             // wrong type
            Array("null".utf8), Array("{}".utf8),
            Array(#"{\#(ok),"title":"t","mood":"angry"}"#.utf8),                             // unknown field
            Array(#"{\#(ok),"title":"\#(String(repeating: "长", count: 201))"}"#.utf8),     // over the title limit
        ]
        lines = lines.map { $0 + [0x0A] }
        try Data(lines.joined()).write(to: URL(fileURLWithPath: root + "/hostile.jsonl"))
        let before = try logData()
        let start = Date()
        let r = try gw("ingest", root + "/hostile.jsonl")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "no hang")
        XCTAssertEqual(r.status, 1)
        for n in 1...lines.count { XCTAssertTrue(r.err.contains("line \(n): "), "line \(n) reported: \(r.err.prefix(2000))") }
        XCTAssertTrue(r.err.contains("0 appended"), r.err.suffix(200).description)
        XCTAssertEqual(try logData(), before, "nothing written")
    }

    /// The store belongs to its group (`gridwatch` when installed), nobody else.
    func testNewStoresBelongToTheirGroupAndNoOneElse() throws {
        try initSmall()
        let dirMode = (try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? Int ?? 0) & 0o7777
        let logMode = (try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int ?? 0) & 0o7777
        XCTAssertEqual(dirMode, 0o2770)
        XCTAssertEqual(logMode, 0o660)
    }
}
