import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The tier grid's columns when they hold more units than rows: what is kept in view,
/// what is said about the rest, and what a click there picks.
final class TierGridTests: XCTestCase {
    /// A city with one county of 30 towns; the only open case is at the last town, so
    /// the grid previews it (the busiest) below rows the Town column cannot all show.
    private func model() -> Model {
        var m = Model(now: Fixture.now)
        var units = [Unit(code: "210200", name: "大连市", tier: .city, parent: nil),
                     Unit(code: "210213", name: "金州区", tier: .county, parent: "210200")]
        for i in 1...30 {
            units.append(Unit(code: "210213\(100 + i)", name: "镇" + String(format: "%02d", i), tier: .town, parent: "210213"))
        }
        units.append(Unit(code: "210213130001", name: "末村", tier: .village, parent: "210213130"))
        for u in units { m.apply(Event(at: Fixture.now, actor: "test", body: .unitRegistered(u))) }
        Fixture.run(&m, .report(NewCase(category: .disputeLand, level: .red, location: "210213130001", title: "土地纠纷")), at: Fixture.now)
        return m
    }

    func testAPreviewKeepsItsUnitInViewAndCountsTheRest() throws {
        let m = model()
        let s = Fixture.state(m, lang: .en)
        let screen = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        let text = screen.joined(separator: "\n")
        XCTAssertTrue(text.contains("Village · 镇30"), "the next column previews the busiest town\n\(text)")
        // A row of the Town column, not the Village column's title on the top border.
        guard let row = screen.firstIndex(where: { $0.hasPrefix("│") && $0.contains("镇30") }),
              let bottom = screen.firstIndex(where: { $0.contains("↑") && $0.hasPrefix("└") }) else { return XCTFail(text) }
        XCTAssertLessThan(row, bottom, "the previewed town is drawn inside its column\n\(text)")
        XCTAssertTrue(screen[bottom].contains(" ↑"), "the towns above it are counted on the border\n\(screen[bottom])")
        XCTAssertFalse(screen[bottom].contains("↓"), "none lie below the last\n\(screen[bottom])")
    }

    func testAClickInAScrolledColumnPicksTheUnitDrawnThere() throws {
        let m = model()
        var s = Fixture.state(m, lang: .en)
        s.screen = (120, 30)
        let screen = ConsoleView.render(s, model: m, width: 120, height: 30).lines()
        guard let y = screen.firstIndex(where: { $0.hasPrefix("│") && $0.contains("镇30") }),
              let column = screen[y].range(of: "镇30") else { return XCTFail(screen.joined(separator: "\n")) }
        let x = DisplayWidth.of(String(screen[y][..<column.lowerBound]))
        _ = Fixture.press([.mouse(MouseEvent(.press, x: x, y: y))], &s, m)
        XCTAssertEqual(s.path.last, "210213130", "the town under the pointer, not the one at that row from the top")
    }

    func testTheWheelScrollsAColumnAndLeavesTheSelection() throws {
        let m = model()
        var s = Fixture.state(m, lang: .en)
        s.screen = (120, 30)
        /// The Town column's first row: where it is and which town it shows.
        func topTown() -> (x: Int, y: Int, name: String)? {
            for (y, line) in ConsoleView.render(s, model: m, width: 120, height: 30).lines().enumerated() where line.hasPrefix("│") {
                // Rows inside the columns: not the header, nor the next column's title on a border.
                if let r = line.range(of: #"镇\d\d"#, options: .regularExpression) {
                    return (DisplayWidth.of(String(line[..<r.lowerBound])), y, String(line[r]))
                }
            }
            return nil
        }
        let top = try XCTUnwrap(topTown())
        let path = s.path
        _ = Fixture.press([.mouse(MouseEvent(.wheelUp, x: top.x, y: top.y))], &s, m)
        let after = try XCTUnwrap(topTown())
        XCTAssertEqual(after.y, top.y)
        XCTAssertEqual(after.name, "镇" + String(format: "%02d", Int(top.name.dropFirst())! - 3), "three towns further up")
        XCTAssertEqual(s.path, path, "the wheel chooses nothing")
        // A click then picks the town drawn under it.
        _ = Fixture.press([.mouse(MouseEvent(.press, x: after.x, y: after.y))], &s, m)
        XCTAssertEqual(m.unit(s.path.last ?? "")?.name, after.name)
        // Scrolled to the top, the wheel goes no further.
        for _ in 0..<20 {
            guard let t = topTown() else { return XCTFail("no towns drawn") }
            _ = Fixture.press([.mouse(MouseEvent(.wheelUp, x: t.x, y: t.y))], &s, m)
        }
        XCTAssertEqual(topTown()?.name, "镇01")
    }

    /// A unit clicked after a scroll stays under the pointer, and a key then moves the
    /// highlight within the rows on screen instead of dragging the list.
    func testChoosingKeepsTheColumnWhereItWas() throws {
        let m = model()
        var s = Fixture.state(m, lang: .en)
        s.screen = (120, 30)
        func rows() -> [(y: Int, x: Int, name: String)] {
            ConsoleView.render(s, model: m, width: 120, height: 30).lines().enumerated().compactMap { y, line in
                guard line.hasPrefix("│"), let r = line.range(of: #"镇\d\d"#, options: .regularExpression) else { return nil }
                return (y, DisplayWidth.of(String(line[..<r.lowerBound])), String(line[r]))
            }
        }
        // Scroll the Town column up from the preview at its end, to the middle.
        for _ in 0..<3 {
            let top = try XCTUnwrap(rows().first)
            _ = Fixture.press([.mouse(MouseEvent(.wheelUp, x: top.x, y: top.y))], &s, m)
        }
        let before = rows()
        XCTAssertGreaterThan(before.count, 3, "a screenful of towns")
        let target = before[2]
        _ = Fixture.press([.mouse(MouseEvent(.press, x: target.x, y: target.y))], &s, m)
        XCTAssertEqual(m.unit(s.path.last ?? "")?.name, target.name)
        XCTAssertEqual(rows().map(\.name), before.map(\.name), "the column did not move under the pointer")
        _ = Fixture.press([.char("k")], &s, m)
        XCTAssertEqual(m.unit(s.path.last ?? "")?.name, before[1].name, "k chose the town above")
        XCTAssertEqual(rows().map(\.name), before.map(\.name), "and the rows stayed where they were")
    }
}
