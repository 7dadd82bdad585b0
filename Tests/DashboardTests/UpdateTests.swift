import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The console's update: keys in, state and effects out, no I/O.
final class UpdateTests: XCTestCase {
    func testAlertsPaneHasFocusWithItsNewestRowSelected() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(s.focus, .alerts)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005")
    }

    func testAcceptThenDispatchTheSameRow() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        XCTAssertEqual(Fixture.press([.char("a")], &s, m),
                       [.execute(.act(.accept(note: ""), on: "GW000005", expectedVersion: 1), summary: "GW000005 已受理")])
        // Apply it as the store would, then dispatch: picker, type, Enter, Enter.
        var m2 = m
        Fixture.run(&m2, .act(.accept(note: ""), on: "GW000005", expectedVersion: 1), at: Fixture.now)
        _ = ConsoleUpdate.update(&s, .executed(summary: "ok"), model: m2)
        ConsoleUpdate.sync(&s, model: m2, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m2)?.number, "GW000005", "still selected after accepting")
        let effects = Fixture.press([.char("d")] + Fixture.type("housing") + [.enter, .enter], &s, m2)
        guard case .execute(.act(.dispatch(let lead, let assisting, let due, _), "GW000005", 2), _)? = effects.first else {
            return XCTFail("\(effects)")
        }
        XCTAssertEqual(lead, .agency("housing"))
        XCTAssertEqual(assisting, [])
        // A yellow alert reported 5 minutes ago: due 7 days after it was reported.
        XCTAssertEqual(due, Fixture.now.adding(.minutes(-5)).adding(.days(7)), "pre-filled from the time limits")
    }

    func testDispatchWithAssistingUnits() {
        var m = Fixture.model()
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000004", expectedVersion: nil), at: Fixture.now)
        var s = Fixture.state(m)
        _ = Fixture.press([.down], &s, m)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000004")
        let effects = Fixture.press([.char("d")] + Fixture.type("police") + [.tab, .ctrl("u")] + Fixture.type("housing") + [.enter, .enter], &s, m)
        guard case .execute(.act(.dispatch(let lead, let assisting, _, _), _, _), _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(lead, .agency("housing"))
        XCTAssertEqual(assisting, [.agency("police")])
    }

    func testRefusedActionsSayWhyWithoutAForm() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        XCTAssertEqual(Fixture.press([.char("c")], &s, m), [])
        guard case .none = s.overlay else { return XCTFail("no form for an impossible action") }
        XCTAssertTrue(s.messageIsError)
        XCTAssertEqual(s.message, "无法核查结案 GW000005：案件待受理；请先受理：a", "in the console's language, with the first step")
    }

    func testReasonIsRequiredAndTheFormStaysOpen() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        XCTAssertEqual(Fixture.press([.char("e"), .enter], &s, m), [])
        guard case .form(let f) = s.overlay else { return XCTFail("form closed") }
        XCTAssertEqual(f.error, "原因不能为空", "in the console's language")
        let effects = Fixture.press(Fixture.type("村级无法化解") + [.enter], &s, m)
        XCTAssertEqual(effects, [.execute(.act(.escalate(reason: "村级无法化解"), on: "GW000005", expectedVersion: 1), summary: "GW000005 已提级")], "the summary says what was done")
    }

    func testConflictClosesTheFormAndSaysSo() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("r")], &s, m)  // resolve is refused for a reported case: message only
        _ = Fixture.press([.char("e")], &s, m)
        _ = ConsoleUpdate.update(&s, .failed("case GW000005 changed since you looked at it", conflict: true), model: m)
        guard case .none = s.overlay else { return XCTFail("overlay still open") }
        XCTAssertTrue(s.message.contains("已刷新"))
    }

    func testCloseAsksForConfirmation() {
        var m = Fixture.model()
        for a: CaseAction in [.accept(note: ""), .resolve(note: "")] { Fixture.run(&m, .act(a, on: "GW000005", expectedVersion: nil), at: Fixture.now) }
        var s = Fixture.state(m)
        _ = Fixture.press([.tab], &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005")
        XCTAssertEqual(Fixture.press([.char("c")], &s, m), [])
        XCTAssertEqual(Fixture.press([.char("n")], &s, m), [], "n answers no")
        XCTAssertEqual(Fixture.press([.char("c"), .enter], &s, m), [], "Enter answers no")
        if case .none = s.overlay {} else { XCTFail("the question stays open: \(s.overlay)") }
        XCTAssertTrue(s.message.contains("未做更改"), s.message)
        XCTAssertEqual(Fixture.press([.char("c"), .paste("y")], &s, m), [], "a paste is not an answer")
        let effects = Fixture.press([.char("y")], &s, m)
        XCTAssertEqual(effects.count, 1)
    }

    func testActionsWorkInsideTheDetailOnTheCaseShown() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005")
        s.overlay = .detail(number: "GW000001", timeline: [])
        let effects = Fixture.press([.char("a")], &s, m)
        guard case .execute(.act(.accept, "GW000001", _), _)? = effects.first else { return XCTFail("\(effects)") }
        s.overlay = .detail(number: "GW000001", timeline: [])
        _ = Fixture.press([.char("e")], &s, m)
        guard case .form(let f) = s.overlay else { return XCTFail("no escalation form from the detail: \(s.overlay)") }
        XCTAssertEqual(f.number, "GW000001")
    }

    func testTypingACommandInTheDetailIsTextNotKeys() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        s.overlay = .detail(number: "GW000003", timeline: [])
        let effects = Fixture.press([.char(":")] + Fixture.type("goto 西岗") + [.enter], &s, m)
        XCTAssertEqual(effects, [], "no key of `goto` acted on the case (o would reopen it)")
        XCTAssertEqual(s.path, ["210200", "210203"], "the start of a name is enough")
        _ = Fixture.press([.char(":")] + Fixture.type("goto") + [.enter], &s, m)
        XCTAssertEqual(s.message, "goto needs a unit code, a unit name or a case number")
    }

    func testARefusedKeySaysWhatToDoFirst() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.tab], &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000002")
        XCTAssertEqual(Fixture.press([.char("r")], &s, m), [])
        XCTAssertEqual(s.message, "cannot resolve GW000002: it is dispatched; sign first: S")
        s.lang = .zh
        _ = Fixture.press([.char("r")], &s, m)
        XCTAssertEqual(s.message, "无法办结 GW000002：案件已交办；请先签收：S")
    }

    func testMergeOffersTheCasesAWarningLinks() {
        var m = Fixture.model()
        m.apply(Event(at: Fixture.now, actor: "fixture", body: .warningRaised(Warning(
            rule: .repeat, cases: ["GW000001", "GW000004", "GW000005"], unit: "210203004001",
            episode: "test-episode", note: "three reports"))))
        var s = Fixture.state(m, lang: .en)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005")
        _ = Fixture.press([.char("m")], &s, m)
        guard case .form(let f) = s.overlay else { return XCTFail("no merge form: \(s.overlay)") }
        XCTAssertEqual(f.form.fields[0].text, "GW000001", "the oldest linked open case is offered")
        XCTAssertEqual(f.note, "linked by a warning: GW000001 GW000004 · Enter confirms", "the others are named under the fields")
        _ = Fixture.press([.enter], &s, m)
        guard case .confirm(let c) = s.overlay else { return XCTFail("no question: \(s.overlay)") }
        XCTAssertEqual(c.question, "Merge GW000005 into GW000001? (y/N)")
    }

    func testNavigationKeysNeverChangeData() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        let nav: [Key] = [.up, .down, .left, .right, .char("h"), .char("j"), .char("k"), .char("l"), .tab, .backTab, .pageUp, .pageDown]
        for k in nav {
            let effects = ConsoleUpdate.update(&s, .key(k), model: m)
            XCTAssertTrue(effects.allSatisfy { if case .execute = $0 { return false }; return true }, "\(k)")
        }
    }

    func testGridScopesThePanes() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.backTab, .right, .down], &s, m)  // grid, into counties, 庄河市
        XCTAssertEqual(s.path, ["210200", "210283"])
        XCTAssertEqual(s.scope, "210283")
        _ = Fixture.press([.tab], &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, nil, "徐岭村's only case is in Dispatch")
        _ = Fixture.press([.tab], &s, m)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000002")
    }

    func testCommandLineAndFilter() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char(":")] + Fixture.type("goto 210203004001") + [.enter], &s, m)
        XCTAssertEqual(s.path, ["210200", "210203", "210203004", "210203004001"])
        _ = Fixture.press([.char(":")] + Fixture.type("goto 999") + [.enter], &s, m)
        XCTAssertTrue(s.messageIsError)
        XCTAssertEqual(Fixture.press([.char(":")] + Fixture.type("theme light") + [.enter], &s, m), [.setTheme("light")])
        _ = Fixture.press([.char("/")] + Fixture.type("噪音"), &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000004")
        _ = Fixture.press([.escape], &s, m)
        XCTAssertNil(s.filters[.alerts])
        XCTAssertEqual(Fixture.press([.char("q")], &s, m), [.quit])
    }

    func testAVisitsOutcomeIsPickedFromAList() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        s.overlay = .detail(number: "GW000003", timeline: [])
        _ = Fixture.press([.char("v")], &s, m)
        guard case .form(let f) = s.overlay else { return XCTFail("no visit form: \(s.overlay)") }
        XCTAssertEqual(f.form.fields[0].choices.map(\.value), ["satisfied", "basic", "unsatisfied"])
        let effects = Fixture.press([.right, .right] + Fixture.type("x") + [.enter], &s, m)
        guard case .execute(.act(.visit(let outcome, _), "GW000003", _), _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(outcome, .unsatisfied)
    }

    func testHomeEndAndgG() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        let queue = m.queue(.incoming, under: s.scope)  // the Alerts pane lists it newest first
        let first = m.cases[Int(queue[position: queue.count - 1])].number, last = m.cases[Int(queue[position: 0])].number
        XCTAssertNotEqual(first, last)
        for (keys, expected) in [([Key.char("G")], last), ([.char("g")], first), ([.end], last), ([.home], first)] {
            _ = Fixture.press(keys, &s, m)
            XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, expected, "\(keys)")
        }
    }

    func testGotoTakesNamesAndCaseNumbers() {
        var m = Fixture.model()
        Fixture.run(&m, .act(.visit(outcome: .satisfied, note: ""), on: "GW000003", expectedVersion: nil), at: Fixture.now)
        XCTAssertEqual(m.case("GW000003")?.state, .archived)
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.char(":")] + Fixture.type("goto 徐岭镇") + [.enter], &s, m)
        XCTAssertEqual(s.path, ["210200", "210283", "210283102"], "a unit by its name")
        // An archived case is in no pane, but :goto opens it, and it can be reopened there.
        let effects = Fixture.press([.char(":")] + Fixture.type("goto 3") + [.enter], &s, m)
        XCTAssertEqual(effects, [.loadTimeline("GW000003")])
        guard case .detail("GW000003", _) = s.overlay else { return XCTFail("\(s.overlay)") }
        _ = Fixture.press([.char("o")], &s, m)
        guard case .form(let f) = s.overlay, f.kind == .reopen else { return XCTFail("no reopen form: \(s.overlay)") }
        s.overlay = .none
        _ = Fixture.press([.char(":")] + Fixture.type("goto 不存在") + [.enter], &s, m)
        XCTAssertEqual(s.message, "no unit with the code or name 不存在, and no case 不存在")
    }

    func testPauseFreezesTheRows() {
        var m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("p")], &s, m)
        XCTAssertTrue(s.isPaused)
        Fixture.run(&m, .report(NewCase(category: .petition, level: .red, location: "210203004001", title: "new")), at: Fixture.now)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005", "the new alert does not push in")
        let header = ConsoleView.render(s, model: m, width: 120, height: 30).lines().first ?? ""
        XCTAssertTrue(header.contains("已暂停 · 新增 1"), "the header counts what came while paused: \(header)")
        _ = Fixture.press([.char("p")], &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        XCTAssertEqual(ConsoleUpdate.selectedCase(s, model: m)?.number, "GW000005", "and the selection stays on its case")
    }
}
