@testable import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The dispatch and send-down pickers tell places apart and start near the case
/// (issue 15, item 8 in part).
final class DispatchPickerTests: XCTestCase {
    func testCentresShowTheirPlaceAndTheCasesAreaComesFirst() throws {
        let m = Fixture.model()
        let c = try XCTUnwrap(m.case("GW000002"))  // at 徐岭村 in 庄河市
        let picker = Pickers.make(.assignees, for: c, model: m, lang: .zh)
        let units = picker.items.filter { $0.id.hasPrefix("unit:") }.map(\.label)
        XCTAssertEqual(units.first(where: { $0.hasPrefix("徐岭村") }), "徐岭村 · 徐岭镇 · 庄河市")
        let own = units.firstIndex { $0.hasPrefix("徐岭镇") }, other = units.firstIndex { $0.hasPrefix("日新街道") }
        XCTAssertLessThan(try XCTUnwrap(own), try XCTUnwrap(other), "the case's own town before another county's")
    }

    func testPinyinFindsACentre() throws {
        let m = Fixture.model()
        let picker = Pickers.make(.assignees, for: try XCTUnwrap(m.case("GW000005")), model: m, lang: .zh)
        for query in ["xlz", "xulingzhen", "rixin"] {
            let best = PickerMatcher.rank(picker.items, query: query).first.map { picker.items[$0].label }
            XCTAssertTrue(best?.hasPrefix(query == "rixin" ? "日新街道" : "徐岭镇") ?? false, "\(query): \(best ?? "nothing")")
        }
    }

    func testAnEmptyPickerIsNotOpenedButExplained() {
        var m = Fixture.model()
        // A case owned by a village has no centre below it to send down to.
        Fixture.run(&m, .report(NewCase(category: .service, level: .blue, location: "210203004001", title: "村里")), at: Fixture.now)
        var s = Fixture.state(m, lang: .en)
        guard let c = m.case("GW000006") else { return XCTFail("no case") }
        XCTAssertEqual(c.owner, "210203004001")
        _ = CaseActions.start(&s, .sendDown, on: c, model: m)
        guard case .none = s.overlay else { return XCTFail("an empty picker was opened: \(s.overlay)") }
        XCTAssertEqual(s.message, "there is no centre below 民乐社区 to send GW000006 down to")
    }
}
