import Foundation
import TerminalUI
import TestSupport
import XCTest

/// Input that must not act by accident, in a real terminal: pastes (bracketed paste)
/// and the questions before destructive actions.
final class ConsoleInputEndToEndTests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipUnless(Tmux.available, "tmux is not installed (.ci/run installs it)")
        _ = TerminalLocale.activate()
        try initSmall()
        XCTAssertEqual(try raise("第一条告警").status, 0)
        XCTAssertEqual(try raise("第二条告警").status, 0)
    }

    private func console() throws -> Tmux {
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --lang en", width: 120, height: 36)
        XCTAssertTrue(tmux.wait(for: 5) { $0.contains("GW000002") && $0.contains("GW000001") }.ok, tmux.screen())
        return tmux
    }

    /// Pastes `text` as a terminal would: tmux adds the bracketed-paste markers when the
    /// program asked for them, and turns each line feed into a carriage return.
    private func paste(_ tmux: Tmux, _ text: String) throws {
        try tmux.run(["set-buffer", "-b", "clip", text])
        try tmux.run(["paste-buffer", "-p", "-d", "-b", "clip"])
    }

    private func caseEvents() throws -> [String] {
        try events().compactMap { $0["case"] != nil ? $0["type"] as? String : nil }
    }

    /// The case events once one of type `type` is there, or after `seconds`.
    private func caseEvents(within seconds: TimeInterval, until type: String) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var types = try caseEvents()
        while !types.contains(type), Date() < deadline {
            usleep(50_000)
            types = try caseEvents()
        }
        return types
    }

    func testAPasteGoesIntoTheFieldWholeAndNeverRunsAsKeys() throws {
        let tmux = try console()
        tmux.send("V")  // void the selected case: a reason, then a question
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("void GW000002") }.ok, tmux.screen())
        try paste(tmux, "重复上报\n见第一条jjja")
        let typed = tmux.wait(for: 2) { $0.contains("重复上报 见第一条jjja") }
        XCTAssertTrue(typed.ok, "the two pasted lines are one line in the field\n\(typed.screen)")
        XCTAssertFalse(typed.screen.contains("(y/N)"), "the newline in the paste must not submit the form\n\(typed.screen)")
        tmux.send("Escape")
        XCTAssertTrue(tmux.wait(for: 2) { !$0.contains("void GW000002") }.ok, tmux.screen())

        // Outside a field, a paste does nothing at all.
        try paste(tmux, "jjja")
        usleep(700_000)
        XCTAssertEqual(try caseEvents(), ["caseReported", "caseReported"], tmux.screen())
        tmux.send("a")  // the keyboard still works, on the case that was selected
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("GW000002 accepted") }.ok, tmux.screen())
        tmux.send("q")
    }

    func testAConflictKeepsTheFormAndSaysWhoChangedTheCase() throws {
        let tmux = try console()
        tmux.send("e")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("escalate GW000002") }.ok, tmux.screen())
        tmux.send("群众再次来电", literal: true)
        // Another officer accepts the case from the command line while the form is open.
        XCTAssertEqual(try Binary.run(["case", "accept", "2", "--store", store]).status, 0)
        usleep(500_000)
        tmux.send("Enter")
        let told = tmux.wait(for: 2) { $0.contains("GW000002 was accepted by \(TestPolicy.userName) at") }
        XCTAssertTrue(told.ok, told.screen)
        XCTAssertTrue(told.screen.contains("群众再次来电"), "the typed reason is still in the form\n\(told.screen)")
        XCTAssertEqual(try caseEvents(), ["caseReported", "caseReported", "caseAccepted"])
        tmux.send("Enter")
        let types = try caseEvents(within: 2, until: "caseEscalated")
        XCTAssertEqual(types, ["caseReported", "caseReported", "caseAccepted", "caseEscalated"])
        XCTAssertEqual(try events().last?["reason"] as? String, "群众再次来电")
        tmux.send("q")
    }

    func testARefusedKeySaysWhatToDoFirst() throws {
        let tmux = try console()
        tmux.send("r")
        let said = tmux.wait(for: 2) { $0.contains("cannot resolve GW000002: it is reported; accept first: a") }
        XCTAssertTrue(said.ok, said.screen)
        XCTAssertEqual(try caseEvents(), ["caseReported", "caseReported"])
        tmux.send("q")
    }

    func testTheDetailFollowsOtherConsolesAndTakesActions() throws {
        let tmux = try console()
        tmux.send("Enter")
        let opened = tmux.wait(for: 2) { $0.contains("Accept by") && $0.contains("reported Grid patrol") }
        XCTAssertTrue(opened.ok, opened.screen)
        // Another officer accepts the case: the open detail's timeline shows it.
        XCTAssertEqual(try Binary.run(["case", "accept", "2", "--store", store]).status, 0)
        let followed = tmux.wait(for: 2) { $0.contains("(uid \(getuid()))  accepted") }
        XCTAssertTrue(followed.ok, "the timeline follows within a second or two\n\(followed.screen)")
        // An action key works on the case shown.
        tmux.send("e")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("escalate GW000002") }.ok, tmux.screen())
        tmux.send("Escape")
        tmux.send("q")
    }

    func testGotoOpensACaseByItsNumber() throws {
        let tmux = try console()
        tmux.send(":")
        tmux.send("goto 1", literal: true)
        tmux.send("Enter")
        let shown = tmux.wait(for: 2) { $0.contains("─ GW000001 ") && $0.contains("第一条告警") && $0.contains("Accept by") }
        XCTAssertTrue(shown.ok, shown.screen)
        tmux.send("q")
    }

    func testFindByPinyinAndPlace() throws {
        let tmux = try console()
        tmux.send(":")
        tmux.send("find diyitiao", literal: true)  // 第一条告警
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("─ GW000001 ") && $0.contains("Accept by") }.ok, tmux.screen())
        tmux.send("Escape")
        usleep(200_000)  // a key right after Escape would read as Alt+key
        tmux.send(":")
        tmux.send("find 民乐", literal: true)  // the village of both
        tmux.send("Enter")
        let listed = tmux.wait(for: 2) { $0.contains("find 民乐: 2 cases") && $0.contains("第二条告警") && $0.contains("第一条告警") }
        XCTAssertTrue(listed.ok, listed.screen)
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("─ GW000002 ") }.ok, tmux.screen())
        tmux.send("q")
    }

    /// 复盘: the console as of a moment between two alerts shows the first only, says it
    /// is the past, and refuses every action.
    func testTheConsoleAsOfAMomentInThePast() throws {
        usleep(1_100_000)
        let t = ISO8601DateFormatter().string(from: Date())
        usleep(1_100_000)
        XCTAssertEqual(try raise("第三条告警").status, 0)
        let tmux = try Tmux("\(Binary.url.path) --store \(store) --lang en --as-of \(t)", width: 120, height: 36)
        let shown = tmux.wait(for: 5) { $0.contains("GW000002") && $0.contains("⏪ PAST 20") && $0.contains("· #") }
        XCTAssertTrue(shown.ok, shown.screen)
        XCTAssertFalse(shown.screen.contains("GW000003"), "the alert raised after that moment is not there\n\(shown.screen)")
        tmux.send("a")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("this is a view of the past") }.ok, tmux.screen())
        XCTAssertEqual(try caseEvents(), ["caseReported", "caseReported", "caseReported"], "nothing was written")
        tmux.send("q")
    }

    func testAnUnknownThemeIsNamedInWords() throws {
        let tmux = try console()
        tmux.send(":")
        tmux.send("theme purple", literal: true)
        tmux.send("Enter")
        let said = tmux.wait(for: 2) { $0.contains("no theme named 'purple' (built in: default, high-contrast, light, mono") }
        XCTAssertTrue(said.ok, said.screen)
        tmux.send("q")
    }

    func testEnterDoesNotConfirmADestructiveAction() throws {
        let tmux = try console()
        tmux.send("V")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("void GW000002") }.ok, tmux.screen())
        tmux.send("重复上报", literal: true)
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("Void GW000002? (y/N)") }.ok, tmux.screen())
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("cancelled: nothing was changed") }.ok, tmux.screen())
        XCTAssertEqual(try caseEvents(), ["caseReported", "caseReported"])

        tmux.send("V")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("void GW000002") }.ok, tmux.screen())
        tmux.send("重复上报", literal: true)
        tmux.send("Enter")
        XCTAssertTrue(tmux.wait(for: 2) { $0.contains("(y/N)") }.ok, tmux.screen())
        tmux.send("y")
        let types = try caseEvents(within: 2, until: "caseVoided")
        XCTAssertEqual(types, ["caseReported", "caseReported", "caseVoided"])
        tmux.send("q")
    }
}
