@testable import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// Finding any case by number, title, place or pinyin (issue 15, item 7).
final class CaseSearchTests: XCTestCase {
    func testPinyinFullAndInitials() {
        let p = Pinyin.shared
        XCTAssertTrue(p.matches("金州区", "jzq"))
        XCTAssertTrue(p.matches("金州区", "jinzhou"))
        XCTAssertTrue(p.matches("大棚土地承包合同纠纷", "tudi"), "地 read as di in 土地")
        XCTAssertTrue(p.matches("长海县", "changhai"))
        XCTAssertTrue(p.matches("长海县", "zhanghai"), "either reading of a polyphone")
        XCTAssertFalse(p.matches("金州区", "xyz"))
    }

    func testFindAcrossStatesPlacesAndPinyin() {
        var m = Fixture.model()
        Fixture.run(&m, .act(.visit(outcome: .satisfied, note: ""), on: "GW000003", expectedVersion: nil), at: Fixture.now)
        let numbers = { (q: String) in CaseSearch.find(q, model: m, access: nil).map { m.cases[Int($0)].number } }
        XCTAssertEqual(numbers("徐岭"), ["GW000002"], "a town's name finds its cases")
        XCTAssertEqual(numbers("xuling"), ["GW000002"])
        XCTAssertEqual(numbers("xlc"), ["GW000002"], "initials of 徐岭村")
        XCTAssertEqual(numbers("3"), ["GW000003"], "an archived case, by its short number")
        XCTAssertEqual(numbers("消防"), ["GW000003"], "by title")
        XCTAssertEqual(numbers("庄河市").count, 1)
        XCTAssertEqual(numbers("西岗区"), ["GW000005", "GW000004", "GW000003", "GW000001"], "newest first")
        XCTAssertEqual(numbers("nothing here"), [])
    }

    func testFindFromTheCommandLineOpensOrLists() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        XCTAssertEqual(Fixture.press([.char(":")] + Fixture.type("find xuling") + [.enter], &s, m), [.loadTimeline("GW000002")])
        guard case .detail("GW000002", _) = s.overlay else { return XCTFail("one result opens its detail: \(s.overlay)") }
        s.overlay = .none
        _ = Fixture.press([.char(":")] + Fixture.type("find 西岗") + [.enter], &s, m)
        guard case .found(_, let p) = s.overlay else { return XCTFail("several results are listed: \(s.overlay)") }
        XCTAssertEqual(p.items.count, 4)
        XCTAssertEqual(Fixture.press([.down, .enter], &s, m), [.loadTimeline("GW000004")])
    }
}
