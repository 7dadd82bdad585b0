import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The console's key map, status line and help come from the one action table.
final class ActionTableTests: XCTestCase {
    func testEveryActionHasOneKeyAndNoKeyDoesTwoThings() {
        for kind in ActionKind.allCases {
            let bound = KeyMap.console.filter { $0.action == .act(kind) }
            XCTAssertEqual(bound.count, 1, "\(kind) has one binding")
            XCTAssertEqual(bound.first?.keys, [.char(CaseActionTable.spec(kind).key)])
        }
        let keys = KeyMap.console.flatMap(\.keys)
        XCTAssertEqual(keys.count, Set(keys).count, "no key is bound twice")
        for nav in KeyMap.console where !nav.action.changesData {
            for k in nav.keys { XCTAssertNil(KeyMap.console.first { $0.action.changesData && $0.keys.contains(k) }, "\(k) navigates only") }
        }
    }

    /// The status line offers exactly the actions the selected case's state allows.
    func testHintsFollowTheSelectedCasesState() {
        var m = Fixture.model()
        let steps: [(CaseAction?, CaseState)] = [(nil, .reported), (.accept(note: ""), .accepted),
                                                 (.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), .dispatched),
                                                 (.sign(note: ""), .inProgress), (.resolve(note: ""), .resolved), (.close(note: ""), .closed)]
        for (action, state) in steps {
            if let action { Fixture.run(&m, .act(action, on: "GW000005", expectedVersion: nil), at: Fixture.now) }
            XCTAssertEqual(m.case("GW000005")?.state, state)
            var s = Fixture.state(m)
            s.focus = [.reported, .accepted].contains(state) ? .alerts : state == .closed ? .followUps : .dispatch
            s.cursors[s.focus]?.number = "GW000005"
            ConsoleUpdate.sync(&s, model: m, visibleRows: 20)
            guard ConsoleUpdate.selectedCase(s, model: m)?.number == "GW000005" else { return XCTFail("\(state): not selected") }
            let line = ConsoleView.render(s, model: m, width: 300, height: 30).lines().last ?? ""
            for kind in ActionKind.allCases {
                let hint = "\(CaseActionTable.spec(kind).key) \(CaseActionTable.spec(kind).zh)"
                // A note applies almost everywhere and is listed in help, not on the status line.
                XCTAssertEqual(line.contains(hint + " ") || line.hasSuffix(hint), kind.applies(in: state) && kind != .note, "\(state): \(hint) in \(line)")
            }
        }
    }

    func testTheHelpListsEveryBinding() {
        let m = Fixture.model()
        var s = Fixture.state(m)
        s.overlay = .help
        let text = ConsoleView.render(s, model: m, width: 160, height: 48).lines().joined(separator: "\n")
        for b in KeyMap.console { XCTAssertTrue(text.contains(b.zh), "\(b.zh) in the help") }
    }
}
