import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// Ordering, named filters, marks, copying, the mouse and the `:` prompt's history and
/// completion: keys in, state and effects out.
final class PaneToolsTests: XCTestCase {
    /// The console as text.
    private func screen(_ s: ConsoleState, _ m: Model, _ width: Int, _ height: Int) -> String {
        ConsoleView.render(s, model: m, width: width, height: height).lines().joined(separator: "\n")
    }

    /// The Alerts pane's filter after each of `times` presses of F.
    private func pressF(_ times: Int, _ s: inout ConsoleState, _ m: Model) -> [String?] {
        (0..<times).map { _ in _ = Fixture.press([.char("F")], &s, m); return s.filters[.alerts] }
    }

    private func alerts(_ s: ConsoleState, _ m: Model) -> [String] {
        var s = s
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let screen = screen(s, m, 120, 30)
        return screen.split(separator: "\n").compactMap { line in
            line.range(of: "GW00000[0-9]", options: .regularExpression).map { String(line[$0]) }
        }.filter { n in m.case(n)?.state == .reported }
    }

    func testOCyclesTheOrderAndTheSelectionStaysOnItsCase() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        XCTAssertEqual(alerts(s, m), ["GW000005", "GW000004", "GW000001"], "newest first")
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        _ = Fixture.press([.char("O")], &s, m)
        XCTAssertEqual(s.sorts[.alerts], .level)
        XCTAssertEqual(alerts(s, m), ["GW000001", "GW000005", "GW000004"], "red, yellow, blue")
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005", "the selection follows its case")
        _ = Fixture.press([.char("O")], &s, m)
        // Accept-by: red (10 min) reported 2 h ago is long past; yellow (2 h) 5 min ago
        // has 1 h 55 min; blue (24 h) 30 min ago has 23 h 30 min.
        XCTAssertEqual(alerts(s, m), ["GW000001", "GW000005", "GW000004"], "least time left first")
        _ = Fixture.press([.char("O")], &s, m)
        XCTAssertEqual(alerts(s, m), ["GW000001", "GW000004", "GW000005"], "oldest first")
        _ = Fixture.press([.char("O")], &s, m)
        XCTAssertNil(s.sorts[.alerts], "back to newest first")
    }

    func testTheColumnHeaderMarksTheOrder() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertTrue(screen(s, m, 120, 30).contains("Case▼"))
        _ = Fixture.press([.char("O")], &s, m)
        let screen = screen(s, m, 120, 30)
        XCTAssertTrue(screen.contains("Lv▼"), screen)
        XCTAssertTrue(screen.contains("Alerts 3 · 3* · level"), screen)
    }

    func testNamedFiltersCombineWithTextAndEscapeClearsThem() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("/")] + Fixture.type("@red") + [.enter], &s, m)
        XCTAssertEqual(alerts(s, m), ["GW000001"])
        _ = Fixture.press([.char("/"), .ctrl("u")] + Fixture.type("@red 民乐") + [.enter], &s, m)
        XCTAssertEqual(alerts(s, m), ["GW000001"], "red, and at 民乐社区 or below")
        _ = Fixture.press([.char("/"), .ctrl("u")] + Fixture.type("@new 徐岭") + [.enter], &s, m)
        XCTAssertEqual(alerts(s, m), [], "GW000002 at 徐岭村 was accepted long ago")
        _ = Fixture.press([.escape], &s, m)
        XCTAssertNil(s.filters[.alerts])
        XCTAssertEqual(alerts(s, m).count, 3)
        // F cycles: mine, red, overdue, new, none.
        let seen = pressF(5, &s, m)
        XCTAssertEqual(seen, ["@mine", "@red", "@overdue", "@new", nil])
    }

    func testOverdueFollowsThePanesDeadline() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        s.filters[.alerts] = "@overdue"
        // Red has 30 minutes to be accepted and was reported two hours ago; blue (30 min
        // ago) and yellow (5 min ago) are inside their limits.
        XCTAssertEqual(alerts(s, m), ["GW000001"])
        var s2 = Fixture.state(m)
        _ = Fixture.press([.char(":")] + Fixture.type("filter @nosuch") + [.enter], &s2, m)
        XCTAssertTrue(s2.messageIsError)
        XCTAssertTrue(s2.message.contains("@nosuch"), s2.message)
    }

    func testMarkedAlertsAreAcceptedTogether() {
        var m = Fixture.model()
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000004", expectedVersion: nil), at: Fixture.now)
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        // Space marks and moves down: GW000005, then GW000004 (already accepted), then GW000001.
        _ = Fixture.press([.char(" "), .char(" "), .char(" ")], &s, m)
        XCTAssertEqual(s.marked, ["GW000005", "GW000004", "GW000001"])
        let effects = Fixture.press([.char("a")], &s, m)
        XCTAssertEqual(effects, [.executeAll([.act(.accept(note: ""), on: "GW000001", expectedVersion: 1),
                                              .act(.accept(note: ""), on: "GW000005", expectedVersion: 1)],
                                             done: "已受理", skipped: 1)])
        XCTAssertTrue(s.marked.isEmpty, "the marks are used up")
    }

    func testMarksTakeOnlyActionsWithoutInputAndEscapeClearsThem() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char(" ")], &s, m)
        XCTAssertEqual(Fixture.press([.char("V")], &s, m), [], "voiding needs a reason per case: not in bulk")
        XCTAssertTrue(s.messageIsError)
        XCTAssertEqual(s.marked.count, 1, "a refused bulk action keeps the marks")
        _ = Fixture.press([.escape], &s, m)
        XCTAssertTrue(s.marked.isEmpty)
    }

    func testYCopiesTheSelectedNumberOrTheDetailsCase() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(Fixture.press([.char("y")], &s, m), [.copy("GW000005")])
        _ = Fixture.press([.down, .enter], &s, m)
        XCTAssertEqual(Fixture.press([.char("y")], &s, m), [.copy("GW000004")], "inside the detail, its case")
    }

    func testClicksSelectSortAndOpenAndTheWheelScrolls() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        s.screen = (120, 30)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let screen = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        guard let header = screen.firstIndex(where: { $0.contains("Case▼") }), let row = screen.firstIndex(where: { $0.contains("GW000001") }) else {
            return XCTFail(screen.joined(separator: "\n"))
        }
        // Click the third alert: selected. Click it again: its detail opens.
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 3, y: row))], &s, m)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000001")
        XCTAssertEqual(Fixture.press([.mouse(MouseEvent(.press, x: 3, y: row))], &s, m), [.loadTimeline("GW000001")])
        _ = Fixture.press([.escape], &s, m)
        // The wheel moves the selection three rows (as far as the list goes).
        _ = Fixture.press([.mouse(MouseEvent(.wheelUp, x: 3, y: row))], &s, m)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005")
        // The level column's name orders by level; the number's flips newest and oldest.
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 1 + 9, y: header))], &s, m)
        XCTAssertEqual(s.sorts[.alerts], .level)
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 2, y: header))], &s, m)
        XCTAssertNil(s.sorts[.alerts], "level → number: back to newest first")
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 2, y: header))], &s, m)
        XCTAssertEqual(s.sorts[.alerts], .oldest)
        // A click on a pane focuses it.
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 110, y: row))], &s, m)
        XCTAssertEqual(s.focus, .followUps)
    }

    func testTheCommandLineRemembersAndCompletes() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char(":")] + Fixture.type("goto 徐岭") + [.enter], &s, m)
        _ = Fixture.press([.char(":")] + Fixture.type("lang en") + [.enter], &s, m)
        XCTAssertEqual(s.commandHistory, ["goto 徐岭", "lang en"])
        _ = Fixture.press([.char(":"), .up, .up], &s, m)
        guard case .prompt(.command, let field) = s.overlay else { return XCTFail("prompt closed") }
        XCTAssertEqual(field.text, "goto 徐岭")
        _ = Fixture.press([.down, .down], &s, m)
        guard case .prompt(.command, let back) = s.overlay else { return XCTFail("prompt closed") }
        XCTAssertEqual(back.text, "", "past the newest: an empty line")
        _ = Fixture.press(Fixture.type("th") + [.tab], &s, m)
        guard case .prompt(.command, let verb) = s.overlay else { return XCTFail("prompt closed") }
        XCTAssertEqual(verb.text, "theme ")
        _ = Fixture.press([.ctrl("u")] + Fixture.type("goto 徐") + [.tab], &s, m)
        guard case .prompt(.command, let two) = s.overlay else { return XCTFail("prompt closed") }
        XCTAssertEqual(two.text, "goto 徐岭", "what 徐岭镇 and 徐岭村 share")
        XCTAssertEqual(s.completions, ["徐岭村", "徐岭镇"])
    }

    func testClosedCasesHaveAPaneAndCanBeReopenedFromIt() {
        var m = Fixture.model()
        Fixture.run(&m, .act(.void(reason: "重复"), on: "GW000004", expectedVersion: nil), at: Fixture.now)
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.char("C")], &s, m)
        XCTAssertEqual(s.focus, .followUps)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let screen = screen(s, m, 160, 40)
        XCTAssertTrue(screen.contains("Closed 2"), screen)
        XCTAssertTrue(screen.contains("Voided"), "the state is the pane's last column\n\(screen)")
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000004", "newest first")
        _ = Fixture.press([.down], &s, m)
        _ = Fixture.press([.char("o")], &s, m)
        guard case .form(let f) = s.overlay else { return XCTFail("reopen opens its form: \(s.message)") }
        XCTAssertEqual(f.number, "GW000003")
        _ = Fixture.press([.escape, .char("C")], &s, m)
        XCTAssertFalse(s.showDone)
    }

    func testPlacesAndTimesLineUpUnderTheirNames() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let lines = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        /// The display column where `text` starts in `line`.
        func column(_ text: String, in line: String) -> Int? {
            line.range(of: text).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
        }
        let rows = lines.filter { $0.contains("GW00000") && ($0.contains("民乐社区") || $0.contains("徐岭村")) }
        XCTAssertGreaterThanOrEqual(rows.count, 3, lines.joined(separator: "\n"))
        let starts = rows.map { column("民乐社区", in: $0) ?? column("徐岭村", in: $0) }
        guard let header = lines.first(where: { $0.contains("地点") }), let named = column("地点", in: header) else { return XCTFail("no column names") }
        // The alerts pane's rows: ages of 5m, 30m and 2h, the place where its name is.
        for (row, start) in zip(rows, starts) where row.contains("*") {
            XCTAssertEqual(start, named, row)
        }
        // Ordered by time left, the alerts show it, and say so over the column.
        _ = Fixture.press([.char("O"), .char("O")], &s, m)
        let deadline = screen(s, m, 120, 30)
        XCTAssertTrue(deadline.contains("时限▲"), deadline)
        XCTAssertTrue(deadline.contains("!1h"), "red: reported 2 h ago, 10 minutes to accept\n\(deadline)")
    }

    func testAMisspeltNamedFilterMatchesNothingAndSaysSo() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("/")] + Fixture.type("@overdu") + [.enter], &s, m)
        XCTAssertEqual(alerts(s, m), [])
        XCTAssertTrue(s.messageIsError)
        XCTAssertTrue(s.message.contains("@overdu"), s.message)
    }

    func testAnAcceptedAlertRunsAgainstItsDueTimeNotItsAcceptBy() {
        var m = Fixture.model()
        // Red, reported two hours ago: accepted now, so nothing is left to accept; it is
        // due 24 hours after it was reported.
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000001", expectedVersion: nil), at: Fixture.now)
        var s = Fixture.state(m)
        s.sorts[.alerts] = .deadline
        XCTAssertEqual(alerts(s, m), ["GW000005", "GW000004"], "the two still to accept")
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let lines = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        let order = lines.compactMap { l in ["GW000001", "GW000004", "GW000005"].first { l.contains($0) } }
        XCTAssertEqual(order, ["GW000005", "GW000001", "GW000004"], lines.joined(separator: "\n"))
        let row = lines.first { $0.contains("GW000001") } ?? ""
        XCTAssertTrue(row.contains("22h"), "time left to its due time, not overdue to accept: \(row)")
        XCTAssertFalse(row.contains("!"), row)
    }

    func testTheSweepsCardReadsInTheConsolesLanguageAndTime() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        let card = Event(at: Fixture.now, actor: "duty/sweep (uid 0)",
                         body: .caseSupervised(case: "GW000001", level: .red, note: "overdue acceptance (accept by 2027-01-15T05:23:16.000Z)"))
        s.overlay = .detail(number: "GW000001", timeline: [TimelineEntry(seq: 30, event: card)])
        let text = screen(s, m, 120, 40)
        XCTAssertTrue(text.contains("超期未受理（受理时限 01-15 13:23）"), text)
        XCTAssertFalse(text.contains("2027-01-15T"), text)
    }

    func testFPutsATypedFilterAsideAndBringsItBack() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("/")] + Fixture.type("民乐") + [.enter], &s, m)
        let seen = pressF(5, &s, m)
        XCTAssertEqual(seen, ["@mine", "@red", "@overdue", "@new", "民乐"])
    }

    func testABulkActionWorksOnlyInThePaneOfItsMarksOnWhatItStillLists() {
        var m = Fixture.model()
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        _ = Fixture.press([.char(" ")], &s, m)  // GW000005 marked in Alerts
        // In Follow-ups, a key acts on the case selected there, not on the marks.
        _ = Fixture.press([.tab, .tab], &s, m)
        XCTAssertEqual(s.focus, .followUps)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let effects = Fixture.press([.char("v")], &s, m)
        XCTAssertEqual(effects, [], "a visit needs its form")
        guard case .form(let f) = s.overlay else { return XCTFail("the selected follow-up's form: \(s.message)") }
        XCTAssertEqual(f.number, "GW000003")
        _ = Fixture.press([.escape, .backTab, .backTab], &s, m)
        XCTAssertEqual(s.focus, .alerts)
        // A marked case that has left the pane (voided elsewhere) is not acted on unseen.
        Fixture.run(&m, .act(.void(reason: "重复"), on: "GW000005", expectedVersion: nil), at: Fixture.now)
        _ = Fixture.press([.down, .char(" ")], &s, m)
        let bulk = Fixture.press([.char("a")], &s, m)
        guard case .executeAll(let commands, _, let skipped)? = bulk.first else { return XCTFail("\(bulk) \(s.message)") }
        XCTAssertEqual(commands.count, 1)
        XCTAssertEqual(skipped, 0, "the voided case is not listed, so not counted either")
    }

    func testAClickMeansTheCaseThatWasOnScreen() {
        var m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        s.screen = (120, 30)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        ConsoleUpdate.noteShown(&s, model: m, visibleRows: 10)
        let lines = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        guard let y = lines.firstIndex(where: { $0.contains("GW000001") }) else { return XCTFail() }
        // A new alert arrives before the next frame: every row moves down by one.
        Fixture.run(&m, .report(NewCase(category: .service, level: .blue, location: "210203004001", title: "新告警")), at: Fixture.now)
        _ = Fixture.press([.mouse(MouseEvent(.press, x: 3, y: y))], &s, m)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000001", "the case drawn there, not the one now in that row")
    }

    func testAClickInTheGridChoosesTheUnitDrawnThere() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        s.screen = (120, 30)
        let lines = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        guard let y = lines.firstIndex(where: { $0.contains("庄河市") }), let line = Optional(lines[y]),
              let r = line.range(of: "庄河市") else { return XCTFail(lines.joined(separator: "\n")) }
        let x = DisplayWidth.of(String(line[..<r.lowerBound]))
        _ = Fixture.press([.mouse(MouseEvent(.press, x: x, y: y))], &s, m)
        XCTAssertEqual(s.path, ["210200", "210283"])
        XCTAssertEqual(s.focus, .grid)
        // The column's bottom border holds no unit.
        let before = s.path
        guard let bottom = lines.firstIndex(where: { $0.hasPrefix("└") }) else { return XCTFail() }
        _ = Fixture.press([.mouse(MouseEvent(.press, x: x, y: bottom))], &s, m)
        XCTAssertEqual(s.path, before)
    }
}
