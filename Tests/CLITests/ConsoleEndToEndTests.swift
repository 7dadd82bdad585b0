import Foundation
import TerminalUI
import TestSupport
import XCTest

/// The real binary in a real terminal (a private tmux server).
final class ConsoleEndToEndTests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipUnless(Tmux.available, "tmux is not installed (.ci/run installs it)")
        _ = TerminalLocale.activate()
    }

    var gwPath: String { Binary.url.path }

    func console(_ extra: String = "", width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws -> Tmux {
        try Tmux("\(gwPath) --store \(store) --lang en \(extra)", width: width, height: height, env: env)
    }

    func assertFits(_ screen: String, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        for l in screen.split(separator: "\n") {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(l)), width, "wider than the terminal: \(l)", file: file, line: line)
        }
    }

    func testDemoAtThreeSizes() throws {
        let tmux = try Tmux("\(gwPath) demo --store \(store) --seed 3 --rate 60 --lang zh", width: 100, height: 30)
        let first = tmux.wait(for: 10) { $0.contains("大连市") && $0.contains("西岗区") }
        XCTAssertTrue(first.ok, first.screen)
        for heading in ["市", "县区", "乡镇街道", "村社区", "网格", "告警", "交办", "回访"] {
            XCTAssertTrue(first.screen.contains("─ \(heading) "), "column or pane \(heading)\n\(first.screen)")
        }
        assertFits(first.screen, width: 100)
        let count = { (s: String) in Int(s.split(separator: "\n").first?.split(separator: " ").reversed().dropFirst().first?.replacingOccurrences(of: ",", with: "") ?? "") ?? 0 }
        let before = count(first.screen)
        XCTAssertGreaterThan(before, 2000)
        let grew = tmux.wait(for: 5) { count($0) > before }
        XCTAssertTrue(grew.ok, "new alerts within 5 s\n\(grew.screen)")

        tmux.resize(width: 80, height: 24)
        let small = tmux.wait(for: 3) { $0.split(separator: "\n").count <= 24 && $0.contains("─ 网格 ") }
        XCTAssertTrue(small.ok, small.screen)
        assertFits(small.screen, width: 80)

        tmux.resize(width: 200, height: 60)
        // Wait for the frame drawn at the new size (a capture may catch the pane mid-resize).
        let used = { (s: String) in s.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count }
        let big = tmux.wait(for: 5) { s in used(s) >= 58 && s.split(separator: "\n").contains { DisplayWidth.of(String($0)) > 190 } }
        XCTAssertTrue(big.ok, "the room is used at 200x60: \(used(big.screen)) rows\n\(big.screen)")
        assertFits(big.screen, width: 200)
        tmux.send("q")
    }

    func testAlertFromAnotherProcessAppearsWithinASecond() throws {
        try initSmall()
        let tmux = try console()
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("Alerts 0") }.ok)
        XCTAssertEqual(try raise("来自另一个进程的告警").status, 0)
        let start = Date()
        let seen = tmux.wait(for: 1.5) { $0.contains("来自另一个进程") }
        XCTAssertTrue(seen.ok, seen.screen)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
    }

    func testAcceptAndDispatchFromTheKeyboard() throws {
        XCTAssertEqual(try Binary.run(["init", "--store", store, "--sample", "dalian"]).status, 0)  // with agencies
        XCTAssertEqual(try raise("楼道堆物", unit: "210203004001001").status, 0)
        let tmux = try console()
        let second = try console()
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("GW000001") }.ok)
        tmux.send("a")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("GW000001 accepted") }.ok, tmux.screen())
        tmux.send("d")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("dispatch GW000001") }.ok, tmux.screen())
        tmux.send("housing", literal: true)
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("Housing and construction") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("→ Housing and construction") && !$0.contains("agency:housing") }.ok, tmux.screen())
        tmux.send("Enter")
        let start = Date()
        var types: [String] = []
        while Date().timeIntervalSince(start) < 1 {
            types = try events().compactMap { $0["case"] != nil ? $0["type"] as? String : nil }
            if types.contains("caseDispatched") { break }
            usleep(50_000)
        }
        XCTAssertEqual(types, ["caseReported", "caseAccepted", "caseDispatched"])
        let dispatched = try events().last
        XCTAssertEqual(dispatched?["to"] as? String, "agency:housing")
        XCTAssertEqual(dispatched?["actor"] as? String, TestPolicy.userName)
        let other = second.wait(for: 1.5) { $0.contains("Dispatch 1") && $0.contains("Housing") }
        XCTAssertTrue(other.ok, "the second console shows it within a second\n\(other.screen)")
    }

    /// A store made from unit and agency files has departments to dispatch to.
    func testAStoreFromUnitAndAgencyFilesDispatchesToAnAgency() throws {
        try Self.smallUnits.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        try "id,zh,en,kind\ncourt,西岗区法院,District court,resident\nmediation,人民调解委员会,Mediation committee,centre\n"
            .write(toFile: root + "/agencies.csv", atomically: true, encoding: .utf8)
        let made = try Binary.run(["init", "--store", store, "--units", root + "/units.csv", "--agencies", root + "/agencies.csv"])
        XCTAssertEqual(made.status, 0, made.err)
        XCTAssertTrue(made.out.contains("5 units, 2 agencies"), made.out)
        XCTAssertEqual(try raise("邻里纠纷", unit: "210203004001001").status, 0)
        let tmux = try console()
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("GW000001") }.ok, tmux.screen())
        tmux.send("a")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("GW000001 accepted") }.ok, tmux.screen())
        tmux.send("d")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("dispatch GW000001") }.ok, tmux.screen())
        tmux.send("court", literal: true)
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("District court") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("→ District court") }.ok, tmux.screen())
        tmux.send("Enter")
        let dispatched = tmux.wait(for: 3) { $0.contains("Dispatch 1") }
        XCTAssertTrue(dispatched.ok, dispatched.screen)
        XCTAssertEqual(try events().last?["to"] as? String, "agency:court")
    }

    func testHostileTitleCannotTouchTheTerminal() throws {
        try initSmall()
        XCTAssertEqual(try raise("\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}[31mred\u{202E}abc").status, 0)
        let tmux = try console()
        let title = tmux.format("#{pane_title}")
        let shown = tmux.wait(for: 5) { $0.contains("\\e]0;PWNED\\x07\\e[2J\\e[31mred\\u{202E}abc") || $0.contains("\\e]0;PWNED") }
        XCTAssertTrue(shown.ok, shown.screen)
        XCTAssertTrue(shown.screen.contains("Alerts"), "the screen was not cleared")
        XCTAssertEqual(tmux.format("#{pane_title}"), title, "the window title is unchanged")
        XCTAssertFalse(tmux.format("#{pane_title}").contains("PWNED"))
        XCTAssertFalse(tmux.screen(escapes: true).contains("\u{1B}[31mred"), "no injected colour")
    }

    func testQuitAndTerminateRestoreTheTerminal() throws {
        try initSmall()
        for how in ["q", "TERM"] {
            let script = "stty -a > \(root)/before; \(gwPath) --store \(store) --lang en; stty -a > \(root)/after; echo done-\(how); sleep 30"
            let tmux = try Tmux(script, width: 100, height: 30)
            XCTAssertTrue(tmux.wait(for: 5) { $0.contains("Alerts") }.ok)
            XCTAssertEqual(tmux.format("#{alternate_on}"), "1")
            if how == "q" { tmux.send("q") } else {
                // Only the console itself: the shell running it has the same words on its command line.
                try Binary.shell("pkill -TERM -f '^\(gwPath) --store \(store)'")
            }
            let back = tmux.wait(for: 5) { $0.contains("done-\(how)") }
            XCTAssertTrue(back.ok, back.screen)
            XCTAssertEqual(tmux.format("#{alternate_on}"), "0", "alternate screen off after \(how)")
            let before = try String(contentsOfFile: root + "/before", encoding: .utf8)
            let after = try String(contentsOfFile: root + "/after", encoding: .utf8)
            XCTAssertEqual(before, after, "terminal modes restored after \(how)")
            XCTAssertTrue(after.contains(" echo") && after.contains(" icanon"), after)
        }
    }

    func testNoColorAndNotATerminal() throws {
        try initSmall()
        XCTAssertEqual(try raise("无色测试").status, 0)
        let tmux = try console(env: ["NO_COLOR": "1"])
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("无色测试") }.ok)
        let raw = tmux.screen(escapes: true)
        // 39 and 49 are "default colour", which tmux writes between runs itself.
        let colour = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")
        XCTAssertEqual(colour.numberOfMatches(in: raw, range: NSRange(raw.startIndex..., in: raw)), 0, "no colour escapes with NO_COLOR")
        let coloured = try console()
        XCTAssertTrue(coloured.wait(for: 5) { $0.contains("无色测试") }.ok)
        var found = 0
        for _ in 0..<60 where found == 0 {
            let rawColour = coloured.screen(escapes: true)
            found = colour.numberOfMatches(in: rawColour, range: NSRange(rawColour.startIndex..., in: rawColour))
            if found == 0 { usleep(50_000) }
        }
        XCTAssertGreaterThan(found, 0, "the same check finds colour without NO_COLOR")

        let plain = try Binary.run(["--store", store, "--lang", "en"], env: ["COLUMNS": "100", "LINES": "30"])
        XCTAssertEqual(plain.status, 0, plain.err)
        XCTAssertFalse(plain.out.contains("\u{1B}"), "no escape codes when stdout is not a terminal")
        XCTAssertTrue(plain.out.contains("Alerts") && plain.out.contains("无色测试"), plain.out)
        let dumb = try Binary.run(["--store", store], env: ["TERM": "dumb"])
        XCTAssertEqual(dumb.status, 0)
        XCTAssertFalse(dumb.out.contains("\u{1B}"))
    }
}
