import Foundation
import TerminalUI
import TestSupport
import XCTest

/// What users of k9s, htop and lazygit expect, in a real terminal: keys from the config
/// file, marks and one bulk accept, ordering, the mouse, copying a case number (OSC 52)
/// and the `:` prompt's history.
final class ConsoleToolsEndToEndTests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipUnless(Tmux.available, "tmux is not installed (.ci/run installs it)")
        _ = TerminalLocale.activate()
        try initSmall()
        for title in ["第一条告警", "第二条告警", "第三条告警"] { XCTAssertEqual(try raise(title).status, 0) }
    }

    private func console(config: String) throws -> Tmux {
        let path = root + "/config.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --config \(path) --lang en", width: 120, height: 36)
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("GW000003") && $0.contains("GW000002") }.ok, tmux.screen())
        return tmux
    }

    private func accepted() throws -> [String] {
        try events().compactMap { $0["type"] as? String == "caseAccepted" ? $0["case"] as? String : nil }.sorted()
    }

    /// The screen row (from 0) that shows `text`.
    private func row(of text: String, in screen: String) -> Int? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
    }

    /// A left click at a cell, as an xterm reports it (X10 encoding, which tmux-256color's
    /// terminfo names): ESC [ M, then button, column and row, each plus 32 (cells from 1).
    private func click(_ tmux: Tmux, x: Int, y: Int) {
        let encode = { (n: Int) in String(UnicodeScalar(UInt8(32 + n))) }
        tmux.send("\u{1B}[M" + encode(0) + encode(x + 1) + encode(y + 1), literal: true)
        tmux.send("\u{1B}[M" + encode(3) + encode(x + 1) + encode(y + 1), literal: true)
    }

    func testRemappedKeysMarksAndOneBulkAccept() throws {
        let tmux = try console(config: "[keys]\naccept = \"A\"\n")
        tmux.send("a")
        usleep(500_000)
        XCTAssertEqual(try accepted(), [], "a is no longer accept\n\(tmux.screen())")
        tmux.send("?")
        XCTAssertTrue(tmux.wait(for: 2) { $0.range(of: #"A\s+accept"#, options: .regularExpression) != nil }.ok,
                      "help is made from the remapped keys\n\(tmux.screen())")
        tmux.send("Escape")
        usleep(300_000)  // a key right after Escape would read as Alt+key
        // Mark the newest two (Space moves down), accept them with one key.
        tmux.send("Space")
        tmux.send("Space")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("2 marked") }.ok, tmux.screen())
        tmux.send("A")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("accepted 2 cases") }.ok, tmux.screen())
        XCTAssertEqual(try accepted(), ["GW000002", "GW000003"])
    }

    func testTheMouseSelectsOpensAndSorts() throws {
        let tmux = try console(config: "")
        let screen = tmux.screen()
        guard let y = row(of: "GW000001", in: screen), let header = row(of: "Case▼", in: screen) else { return XCTFail(screen) }
        click(tmux, x: 3, y: y)
        click(tmux, x: 3, y: y)
        // The detail names the place by its path ("大连市 › 西岗区 › ..."), which no pane shows.
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("Place 大连市 › ") }.ok,
                      "a click selects, a second opens the detail\n\(tmux.screen())")
        tmux.send("Escape")
        // The click goes the moment the detail has closed: a click that arrives just
        // after an Escape reaches gridwatch's own decoder, which must read it as a click
        // (EscapeSequence), not type its bytes as keys.
        XCTAssertTrue(tmux.wait(for: 3) { !$0.contains(" › ") }.ok, tmux.screen())
        // The number column's name flips the order: oldest first.
        click(tmux, x: 2, y: header)
        let oldest = tmux.wait(for: 2) { $0.contains("Case▲") }
        XCTAssertTrue(oldest.ok, oldest.screen)
        if let first = row(of: "GW000001", in: oldest.screen), let last = row(of: "GW000003", in: oldest.screen) {
            XCTAssertLessThan(first, last, oldest.screen)
        }
        // The wheel moves the selection: y then copies what it landed on.
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        tmux.send("\u{1B}[M" + "a" + "\u{24}" + String(UnicodeScalar(UInt8(32 + y + 1))), literal: true)  // wheel down at x=3
        tmux.send("y")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("copied GW0000") }.ok, tmux.screen())
        let copied = try tmux.run(["show-buffer"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(["GW000002", "GW000003"].contains(copied), "OSC 52 reached the terminal's clipboard: '\(copied)'\n\(tmux.screen())")
    }

    /// The console asks the terminal for SGR reports (any column, no raw bytes) and
    /// reads them, and the older X10 form too.
    func testSGRMouseReportsAreAskedForAndRead() throws {
        let tmux = try console(config: "")
        XCTAssertEqual(try tmux.run(["display-message", "-p", "#{mouse_sgr_flag}#{mouse_standard_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines), "11", "modes 1006 and 1000 are on")
        let screen = tmux.screen()
        guard let header = row(of: "Case▼", in: screen) else { return XCTFail(screen) }
        tmux.send("\u{1B}[<0;3;\(header + 1)M", literal: true)
        tmux.send("\u{1B}[<0;3;\(header + 1)m", literal: true)
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("Case▲") }.ok, tmux.screen())
        // And the X10 form, from a terminal without SGR reports.
        click(tmux, x: 2, y: header)
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("Case▼") }.ok, tmux.screen())
        XCTAssertEqual(try accepted(), [], "no byte of a report was taken as a key")
    }

    /// Mouse reports still waiting when the console quits are dropped, not left for the
    /// shell to read as text (what reads the terminal next records what it gets).
    func testMouseReportsPendingAtQuitDoNotReachTheShell() throws {
        let after = root + "/after.txt"
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --lang en; stty -icanon min 0 time 10; head -c 200 > \(after); sleep 30",
                            width: 120, height: 36)
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("GW000003") }.ok, tmux.screen())
        tmux.send("q\u{1B}[<35;10;10M\u{1B}[<0;12;10M\u{1B}[<0;12;10m", literal: true)
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: after) && Date() < deadline { usleep(50_000) }
        usleep(1_500_000)  // head reads for a second after the console has gone
        XCTAssertEqual(try String(contentsOfFile: after, encoding: .utf8), "", "left at the prompt")
    }

    func testTheCommandLineRemembersAndCompletesInATerminal() throws {
        let tmux = try console(config: "[console]\nmouse = false\n")
        tmux.send(":")
        tmux.send("go", literal: true)
        tmux.send("Tab")
        tmux.send("日新", literal: true)
        tmux.send("Tab")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains(":goto 日新街道") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("大连市 › 西岗区 › 日新街道") }.ok, tmux.screen())
        tmux.send(":")
        tmux.send("Up")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains(":goto 日新街道") }.ok, "↑ brings back the last command\n\(tmux.screen())")
        tmux.send("Escape")
        usleep(300_000)  // a key right after Escape would read as Alt+key
        // With the mouse off, a click's bytes are not taken as keys that act.
        click(tmux, x: 3, y: 20)
        usleep(400_000)
        XCTAssertEqual(try accepted(), [])
    }

    func testAnArchivedCaseIsListedAndReopenedFromTheConsole() throws {
        for step in [["accept", "1"], ["resolve", "1", "--note", "已处理"], ["close", "1"], ["visit", "1", "--outcome", "satisfied"]] {
            let r = try Binary.run(["case"] + step + ["--store", store])
            XCTAssertEqual(r.status, 0, r.err)
        }
        let tmux = try console(config: "")
        XCTAssertFalse(tmux.screen().contains("GW000001"), "archived: in no pane of work")
        tmux.send("C")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("Closed 1") && $0.contains("GW000001") && $0.contains("Archived") }.ok, tmux.screen())
        tmux.send("o")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("reopen GW000001") }.ok, tmux.screen())
        tmux.send("回访不满意，重新办理", literal: true)
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 3) { $0.contains("GW000001 reopened") }.ok, tmux.screen())
        XCTAssertEqual(try events().last?["type"] as? String, "caseReopened")
    }
}
