import Foundation
import TestSupport
import XCTest

/// Who may do what, through a setgid install run as real Unix users: each role in and
/// out of its scope, a forged actor, a direct write to the log, a viewer's wall, a
/// town officer's console, and the audit trail at the end.
final class AccessEndToEndTests: CLITestCase {
    private var g: InstalledGridwatch?
    private let town = "210203004", otherTown = "210203005"

    override func setUpWithError() throws {
        try super.setUpWithError()
        if let why = InstalledGridwatch.unavailable {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("CI=true but the access tests cannot run: \(why)") }
            throw XCTSkip("access tests as real users skipped: \(why)")
        }
        let g = try InstalledGridwatch(
            users: ["intake", "officer", "lead", "viewer", "none"],
            grants: [("root", "admin", "*"), ("root", "viewer", "*"), ("intake", "intake", town), ("officer", "officer", town),
                     ("lead", "lead", "210203"), ("viewer", "viewer", "210200")])
        self.g = g
        let units = Self.smallUnits + """

        210203005,人民广场街道,town,210203
        210203005001,长春社区,village,210203005
        210203005001001,第九网格,grid,210203005001
        """
        try units.write(toFile: g.dir + "/units.csv", atomically: true, encoding: .utf8)
        try "id,zh,en,kind\nhousing,住建局,Housing,rotating\ncourt,法院,Court,resident\n".write(toFile: g.dir + "/agencies.csv", atomically: true, encoding: .utf8)
        chmod(g.dir + "/units.csv", 0o644)
        chmod(g.dir + "/agencies.csv", 0o644)
        let made = try g.run(as: "root", ["init", "--store", g.store, "--units", g.dir + "/units.csv", "--agencies", g.dir + "/agencies.csv",
                                         "--access", g.policy])
        XCTAssertEqual(made.status, 0, made.err)
    }

    override func tearDownWithError() throws {
        g?.tearDown()
        g = nil
        try super.tearDownWithError()
    }

    private func gwAs(_ who: String, _ args: String..., env: [String: String] = [:]) throws -> Subprocess.Result {
        let g = try XCTUnwrap(self.g)
        return try g.run(as: who, args + ["--store", g.store, "--access", g.policy], env: env)
    }

    private func raiseAs(_ who: String, at unit: String, _ title: String) throws -> Subprocess.Result {
        try gwAs(who, "raise", "--unit", unit, "--category", "dispute.property", "--level", "red", "--title", title)
    }

    /// Asserts a refusal: exit 77 and one line on stderr that says so.
    private func assertDenied(_ r: Subprocess.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 77, "\(what): \(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.hasPrefix("gridwatch: access denied: "), "\(what): \(r.err)", file: file, line: line)
        XCTAssertEqual(r.err.filter { $0 == "\n" }.count, 1, "one line: \(r.err)", file: file, line: line)
    }

    private func stream() throws -> [[String: Any]] {
        let r = try gwAs("root", "events", "--json")
        XCTAssertEqual(r.status, 0, r.err)
        return r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func testEachRoleInAndOutOfItsScope() throws {
        let g = try XCTUnwrap(self.g)
        var st = stat()
        XCTAssertEqual(stat(g.store, &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o2770, "the store is its group's alone")
        XCTAssertEqual(String(cString: getgrgid(st.st_gid).pointee.gr_name), g.group)

        // intake: reports into its town, not the other
        let mine = try raiseAs("intake", at: "210203004001001", "楼道堆物")
        XCTAssertEqual(mine.status, 0, mine.err)
        XCTAssertEqual(mine.out, "GW000001\n")
        assertDenied(try raiseAs("intake", at: "210203005001001", "越界上报"), "intake outside its town")
        XCTAssertEqual(try raiseAs("root", at: "210203005001001", "邻街道的案件").status, 77, "root is admin and viewer, not intake")
        XCTAssertEqual(try raiseAs("lead", at: "210203005001001", "邻街道的案件").out, "GW000002\n", "a county lead may report")

        // officer: works its town's cases; only a lead voids
        XCTAssertEqual(try gwAs("officer", "case", "accept", "GW000001").status, 0)
        assertDenied(try gwAs("officer", "case", "accept", "GW000002"), "officer on the other town's case")
        let void = try gwAs("officer", "case", "void", "GW000001", "--reason", "重复")
        assertDenied(void, "officer voiding")
        XCTAssertTrue(void.err.contains("only a shift lead (值班长) may void"), void.err)
        XCTAssertEqual(try gwAs("lead", "case", "void", "GW000002", "--reason", "重复上报").status, 0)
        XCTAssertEqual(try gwAs("officer", "case", "dispatch", "GW000001", "--to", "housing").status, 0, "to a department")

        // viewer: sees, never acts; no grant: nothing but --help
        assertDenied(try gwAs("viewer", "case", "accept", "GW000001"), "viewer acting")
        let wall = try gwAs("viewer", "wall", "--lang", "en", env: ["TERM": "dumb", "COLUMNS": "100", "LINES": "30"])
        XCTAssertEqual(wall.status, 0, wall.err)
        XCTAssertTrue(wall.out.contains("西岗区") && wall.out.contains(" events"), wall.out)
        XCTAssertEqual(try gwAs("viewer", "case", "show", "GW000001").status, 0)
        for args in [["events"], ["stats"], ["raise", "--unit", "210203004001001", "--category", "petition", "--level", "red", "--title", "x"]] {
            assertDenied(try g.run(as: "none", args + ["--store", g.store, "--access", g.policy]), "no grant: \(args[0])")
        }
        XCTAssertEqual(try g.run(as: "none", ["--help"]).status, 0)
        assertDenied(try gwAs("officer", "stats", "--unit", otherTown), "stats outside the scope")
        XCTAssertEqual(try gwAs("officer", "stats").status, 0, "its own town")

        // The environment names nobody: a forged actor records the real account.
        let forged = try gwAs("officer", "case", "sign", "GW000001", env: ["GRIDWATCH_ACTOR": "root@ci", "USER": "root", "LOGNAME": "root"])
        XCTAssertEqual(forged.status, 0, forged.err)

        // A time-limits file the caller could have written is refused when installed.
        let evil = g.dir + "/evil.toml"
        try "[accept]\nred = \"1000d\"\n".write(toFile: evil, atomically: true, encoding: .utf8)
        chown(evil, try uid(g.user("officer")), 65534)
        assertDenied(try gwAs("officer", "raise", "--unit", "210203004001001", "--category", "petition", "--level", "red", "--title", "x",
                            "--config", evil), "a caller's own config")

        // The store's files: no way in but through gridwatch.
        let before = try Data(contentsOf: URL(fileURLWithPath: g.store + "/events.log"))
        let direct = try Subprocess.run(["/usr/sbin/runuser", "-u", g.user("officer"), "--", "/bin/sh", "-c", "echo forged >> \(g.store)/events.log"],
                                        environment: [:])
        XCTAssertNotEqual(direct.status, 0, "a direct write is refused by the kernel")
        XCTAssertTrue(direct.err.contains("Permission denied"), direct.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: g.store + "/events.log")), before)

        // The audit: every actor named by account and uid; every refusal recorded.
        let all = try stream()
        let officerUID = Int(try uid(g.user("officer")))
        for e in all { XCTAssertNotNil(e["uid"], "every event names its uid: \(e)") }
        let accepted = all.first { $0["type"] as? String == "caseAccepted" }
        XCTAssertEqual(accepted?["actor"] as? String, g.user("officer"))
        XCTAssertEqual(accepted?["uid"] as? Int, officerUID)
        XCTAssertFalse(all.contains { ($0["actor"] as? String)?.contains("root@ci") == true }, "a forged name is nowhere")
        let denied = all.filter { $0["type"] as? String == "accessDenied" }
        let byOfficer = denied.filter { $0["uid"] as? Int == officerUID }.compactMap { $0["action"] as? String }
        XCTAssertEqual(Set(byOfficer), ["accept", "void", "stats"], "\(denied)")
        let signed = all.first { $0["type"] as? String == "caseSigned" }
        XCTAssertEqual(signed?["actor"] as? String, g.user("officer"), "the forged GRIDWATCH_ACTOR and USER name nobody")
        XCTAssertTrue(denied.contains { $0["actor"] as? String == g.user("none") && $0["action"] as? String == "events" },
                      "a refusal before any decision is recorded too")
        let voidDenial = denied.first { $0["action"] as? String == "void" }
        XCTAssertEqual(voidDenial?["role"] as? String, "officer@\(town)")
        XCTAssertEqual(voidDenial?["case"] as? String, "GW000001")
        XCTAssertTrue(denied.contains { $0["action"] as? String == "raise" && $0["actor"] as? String == g.user("intake") })
        let verify = try gwAs("root", "verify")
        XCTAssertEqual(verify.status, 0, verify.err)
    }

    func testRefusalsAreRateLimited() throws {
        XCTAssertEqual(try raiseAs("intake", at: "210203004001001", "楼道堆物").status, 0)
        for _ in 0..<12 { XCTAssertEqual(try gwAs("intake", "case", "accept", "GW000001").status, 77) }
        let denied = try stream().filter { $0["type"] as? String == "accessDenied" }
        XCTAssertEqual(denied.count, 5, "five a minute per account, however many are tried")
    }

    func testATownOfficersConsoleShowsItsTownAndOffersOnlyWhatItMay() throws {
        let g = try XCTUnwrap(self.g)
        guard Tmux.available else { throw XCTSkip("tmux is not installed") }
        XCTAssertEqual(try raiseAs("intake", at: "210203004001001", "本街道的案件").status, 0)
        XCTAssertEqual(try raiseAs("lead", at: "210203005001001", "邻街道的案件").status, 0)
        let console = try Tmux(g.commandLine(as: "officer", "--store \(g.store) --access \(g.policy) --lang en"), width: 120, height: 36)
        let shown = console.wait(for: 10) { $0.contains("本街道的案件") }
        XCTAssertTrue(shown.ok, shown.screen)
        XCTAssertTrue(shown.screen.contains("日新街道"), shown.screen)
        XCTAssertFalse(shown.screen.contains("邻街道的案件"), "another town's case is not shown:\n\(shown.screen)")
        XCTAssertFalse(shown.screen.contains("人民广场街道"), "nor the other town:\n\(shown.screen)")
        XCTAssertTrue(shown.screen.contains("a accept"), shown.screen)
        XCTAssertFalse(shown.screen.contains("V void"), "an officer is not offered void:\n\(shown.screen)")
        console.send(":", literal: true)
        console.send("goto \(otherTown)", literal: true)
        console.send("Enter")
        let stayed = console.wait(for: 3) { $0.contains("\(otherTown) is outside the units you may view") }
        XCTAssertTrue(stayed.ok, stayed.screen)
        XCTAssertFalse(stayed.screen.contains("人民广场街道"), "the console does not leave the town")
        console.send("V")
        let told = console.wait(for: 3) { $0.contains("only a shift lead may void") }
        XCTAssertTrue(told.ok, told.screen)
        console.send("a")
        XCTAssertTrue(console.wait(for: 3) { $0.contains("GW000001 accepted") }.ok, console.screen())
        console.send("q")
        let all = try stream()
        XCTAssertEqual(all.last { $0["type"] as? String == "caseAccepted" }?["actor"] as? String, g.user("officer"))
    }

    private func uid(_ name: String) throws -> UInt32 {
        guard let pw = getpwnam(name) else { throw SubprocessError("no user \(name)") }
        return pw.pointee.pw_uid
    }
}
