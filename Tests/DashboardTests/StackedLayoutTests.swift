import Dashboard
import DispatchCore
import TerminalUI
import XCTest

/// The stacked layout of a large screen, and what a new alert costs there.
final class StackedLayoutTests: XCTestCase {
    /// Rows of `b` as text, trailing spaces kept (the full width matters here).
    private func rows(_ b: Buffer) -> [String] { b.lines() }

    /// At 200x60 the Alerts pane spans the screen, with Dispatch and Follow-ups side by
    /// side below it, all three the same height; at 160x48 the three sit side by side.
    func testAlertsSpanAWideTallScreen() {
        let m = Fixture.model()
        let big = rows(ConsoleView.render(Fixture.state(m), model: m, width: 200, height: 60))
        guard let alerts = big.firstIndex(where: { $0.hasPrefix("┌─ 告警") }),
              let lower = big.firstIndex(where: { $0.hasPrefix("┌─ 交办") }) else { return XCTFail(big.joined(separator: "\n")) }
        XCTAssertTrue(big[alerts].hasSuffix("┐") && !big[alerts].dropFirst().contains("┌"), "one pane across the row\n\(big[alerts])")
        XCTAssertTrue(big[lower].contains("┐┌─ 回访"), "Dispatch and Follow-ups side by side\n\(big[lower])")
        XCTAssertEqual(lower - alerts, 59 - lower, "the same height (the status line is the last row)")
        XCTAssertGreaterThanOrEqual(ConsoleView.paneRows(width: 200, height: 60), 15)
        let wide = rows(ConsoleView.render(Fixture.state(m), model: m, width: 160, height: 48))
        XCTAssertTrue(wide.contains { $0.hasPrefix("┌─ 告警") && $0.contains("┐┌─ 交办") && $0.contains("┐┌─ 回访") }, wide.joined(separator: "\n"))
    }

    /// A new alert changes the stacked Alerts pane's rows only by moving them down one,
    /// which a terminal does with one scroll of that region: every row below the new one
    /// is the row that was above it, character for character across the whole width.
    func testANewAlertMovesWholeRowsDown() {
        var m = Fixture.model()
        var s = Fixture.state(m)
        let before = rows(ConsoleView.render(s, model: m, width: 200, height: 60))
        Fixture.run(&m, .report(NewCase(category: .hazardFire, level: .red, location: "210203004001001", title: "新来的告警")), at: Fixture.now)
        ConsoleUpdate.sync(&s, model: m, visibleRows: ConsoleView.paneRows(width: 200, height: 60))
        let after = rows(ConsoleView.render(s, model: m, width: 200, height: 60))
        guard let top = after.firstIndex(where: { $0.contains("新来的告警") }) else { return XCTFail(after.joined(separator: "\n")) }
        for r in (top + 1)..<(top + 4) { XCTAssertEqual(after[r], before[r - 1], "row \(r) is the row above it before") }
        XCTAssertTrue(after[top].contains("刚刚"), "an alert under a minute old says so instead of counting seconds\n\(after[top])")
        XCTAssertTrue(after[top].contains("消防隐患 · "), "the wide pane names the category\n\(after[top])")
    }

    /// Every cell of the selected row carries the selection's background: the level,
    /// the place, the time and the details too, or the eye loses the row.
    func testTheSelectedRowIsHighlightedEndToEnd() {
        let m = Fixture.model()
        let b = ConsoleView.render(Fixture.state(m), model: m, width: 200, height: 60)
        guard let y = b.lines().firstIndex(where: { $0.contains("GW000005") }) else { return XCTFail(b.lines().joined(separator: "\n")) }
        let background = { (x: Int) in b[x, y].style.bg ?? b[x, y].style.fg }
        for x in 1..<199 { XCTAssertEqual(background(x), .selection, "column \(x) of \(b.lines()[y])") }
        XCTAssertEqual(background(1), .selection)
        let other = b.lines().firstIndex { $0.contains("GW000004") } ?? 0
        XCTAssertNotEqual(b[10, other].style.bg ?? b[10, other].style.fg, .selection, "only the selected row")
    }

    /// With the selection kept on its case, newer alerts pile up above the view; the
    /// pane's title says how many rows lie above.
    func testRowsAboveTheViewAreCountedInTheTitle() {
        var m = Fixture.model()
        var s = Fixture.state(m)
        let rows = ConsoleView.paneRows(width: 200, height: 60)
        ConsoleUpdate.sync(&s, model: m, visibleRows: rows)
        _ = Fixture.press([.char("G")], &s, m)  // the last (oldest) row, as after many arrivals
        for i in 0..<(rows + 3) {
            Fixture.run(&m, .report(NewCase(category: .service, level: .blue, location: "210203004001", title: "新告警\(i)")), at: Fixture.now)
        }
        ConsoleUpdate.sync(&s, model: m, visibleRows: rows)
        let top = ConsoleView.render(s, model: m, width: 200, height: 60).lines().first { $0.contains("┌─ 告警") } ?? ""
        let above = s.cursors[.alerts]?.offset ?? 0
        XCTAssertGreaterThan(above, 0, "the selection's case went below the first page")
        XCTAssertTrue(top.contains("↑\(above) 在上方"), top)
        _ = Fixture.press([.char("g")], &s, m)
        ConsoleUpdate.sync(&s, model: m, visibleRows: rows)
        let back = ConsoleView.render(s, model: m, width: 200, height: 60).lines().first { $0.contains("┌─ 告警") } ?? ""
        XCTAssertFalse(back.contains("↑"), "at the top nothing lies above\n\(back)")
    }
}
