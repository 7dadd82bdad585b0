import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// Another console changed the case under the officer's action (issue 15, item 4).
final class ConflictTests: XCTestCase {
    private let other = "li.ming (uid 1001)"

    /// The officer has typed an escalation reason for GW000005 when someone accepts it.
    private func escalating() -> (ConsoleState, Model) {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        ConsoleUpdate.sync(&s, model: m, visibleRows: 10)
        _ = Fixture.press([.char("e")] + Fixture.type("群众再次来电"), &s, m)
        return (s, m)
    }

    func testTheFormStaysOpenWithItsTextWhenTheActionStillApplies() {
        var (s, m) = escalating()
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000005", expectedVersion: nil), at: Fixture.now)
        _ = ConsoleUpdate.update(&s, .conflict(CaseConflict(number: "GW000005", attempted: .escalate, changed: .accept,
                                                            actor: other, at: Fixture.now)), model: m)
        guard case .form(let f) = s.overlay else { return XCTFail("the form was closed") }
        XCTAssertEqual(f.form.fields[0].text, "群众再次来电", "the typed text is kept")
        XCTAssertEqual(f.version, m.case("GW000005")?.version, "the next Enter goes against the case as it is now")
        XCTAssertEqual(s.message, "GW000005 was accepted by li.ming at 16:00")
        XCTAssertTrue(f.error?.contains("Enter goes ahead") ?? false, f.error ?? "")
        let effects = Fixture.press([.enter], &s, m)
        guard case .execute(.act(.escalate(let reason), "GW000005", let version), _)? = effects.first else {
            return XCTFail("Enter did not escalate: \(effects)")
        }
        XCTAssertEqual(reason, "群众再次来电")
        XCTAssertEqual(version, m.case("GW000005")?.version)
    }

    func testSomeoneAlreadyDidItIsDone() {
        var m = Fixture.model()
        var s = Fixture.state(m, lang: .zh)
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000005", expectedVersion: nil), at: Fixture.now)
        _ = ConsoleUpdate.update(&s, .conflict(CaseConflict(number: "GW000005", attempted: .accept, changed: .accept,
                                                            actor: other, at: Fixture.now)), model: m)
        XCTAssertEqual(s.message, "GW000005 已由 li.ming 于 16:00 受理，无需重复操作")
        XCTAssertFalse(s.messageIsError, "not an error: the work is done")
    }

    func testTheFormClosesWhenTheActionNoLongerApplies() {
        let m0 = Fixture.model()
        var s = Fixture.state(m0, lang: .en)
        ConsoleUpdate.sync(&s, model: m0, visibleRows: 10)
        _ = Fixture.press([.char("V")] + Fixture.type("重复"), &s, m0)
        guard case .form = s.overlay else { return XCTFail("no void form") }
        var m = m0
        Fixture.run(&m, .act(.accept(note: ""), on: "GW000005", expectedVersion: nil), at: Fixture.now)
        _ = ConsoleUpdate.update(&s, .conflict(CaseConflict(number: "GW000005", attempted: .void, changed: .accept,
                                                            actor: other, at: Fixture.now)), model: m)
        guard case .none = s.overlay else { return XCTFail("a void form on an accepted case stayed open") }
        XCTAssertEqual(s.message, "GW000005 was accepted by li.ming at 16:00: your void was not recorded (view refreshed)")
        XCTAssertTrue(s.messageIsError)
    }
}
