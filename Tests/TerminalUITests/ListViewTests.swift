import XCTest
@testable import TerminalUI

final class ListViewTests: TerminalUITestCase {
    private let names = ["alpha", "bravo", "charlie", "delta", "echo"]

    func testScrollKeepsSelectionVisible() {
        var list = ListView(rows: names.map { ListRow($0) })
        list.select(3)
        var buffer = Buffer(width: 6, height: 3)
        list.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(), ["bravo ", "charl…", "delta "])
        XCTAssertEqual(buffer[0, 2].style, Style(.selection))
        XCTAssertEqual(buffer[5, 2].style, Style(.selection))
        XCTAssertEqual(buffer[0, 0].style, Style.plain)
    }

    func testKeyNavigationAndScrollMemory() {
        var list = ListView(rows: names.map { ListRow($0) })
        for _ in 0..<4 { XCTAssertTrue(list.handle(.down, visibleRows: 3)) }
        XCTAssertEqual(list.selectedIndex, 4)
        XCTAssertEqual(list.state.offset, 2)
        for _ in 0..<3 { _ = list.handle(.up, visibleRows: 3) }
        XCTAssertEqual(list.selectedIndex, 1)
        XCTAssertEqual(list.state.offset, 1)
        XCTAssertEqual(render(6, 3) { list.render(into: &$0, in: $0.bounds, focused: false) },
                       ["bravo ", "charl…", "delta "])
        XCTAssertFalse(list.handle(.char("x"), visibleRows: 3))
    }

    func testPagingHomeEnd() {
        var list = ListView(rows: names.map { ListRow($0) })
        _ = list.handle(.pageDown, visibleRows: 3)
        XCTAssertEqual(list.selectedIndex, 2)
        _ = list.handle(.end, visibleRows: 3)
        XCTAssertEqual(list.selectedIndex, 4)
        _ = list.handle(.pageDown, visibleRows: 3)
        XCTAssertEqual(list.selectedIndex, 4)
        _ = list.handle(.home, visibleRows: 3)
        XCTAssertEqual(list.selectedIndex, 0)
    }

    func testUnfocusedSelectionAndStyledRows() {
        var list = ListView(rows: [ListRow("ok"), ListRow("fire", style: Style(.alertRed))])
        list.select(1)
        var buffer = Buffer(width: 4, height: 2)
        list.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer[0, 1].style, Style(.alertRed, bg: .selection))
        list.select(0)
        list.render(into: &buffer, in: buffer.bounds, focused: false)
        XCTAssertEqual(buffer[0, 0].style, Style(.selectionUnfocused))
        XCTAssertEqual(buffer[0, 1].style, Style(.alertRed))
    }

    func testEmptyListShowsPlaceholder() {
        let list = ListView(rows: [], emptyText: "无警情")
        XCTAssertNil(list.selectedIndex)
        var buffer = Buffer(width: 8, height: 2)
        list.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(), ["无警情  ", "        "])
        XCTAssertEqual(buffer[0, 0].style.fg, .muted)
    }

    func testReplacingRowsClampsSelection() {
        var list = ListView(rows: names.map { ListRow($0) })
        list.select(4)
        list.rows = [ListRow("only")]
        XCTAssertEqual(list.selectedIndex, 0)
        list.rows = []
        XCTAssertNil(list.selectedIndex)
    }

    func testRowsAreSanitised() {
        let list = ListView(rows: [ListRow("a\u{7}b")])
        XCTAssertEqual(render(8, 1) { list.render(into: &$0, in: $0.bounds, focused: false) }, ["a\\x07b  "])
    }
}

final class SelectionStateTests: XCTestCase {
    func testClampingAndOffsets() {
        var state = SelectionState(count: 10, selected: 42)
        XCTAssertEqual(state.selected, 9)
        XCTAssertEqual(state.visibleOffset(rows: 4), 6)
        state.scrollToSelection(rows: 4)
        state.select(0)
        XCTAssertEqual(state.visibleOffset(rows: 4), 0)
        state.move(by: Int.max)
        XCTAssertEqual(state.selected, 9)
        state.move(by: Int.min)
        XCTAssertEqual(state.selected, 0)
        state.setCount(0)
        XCTAssertNil(state.selected)
        XCTAssertEqual(state.visibleOffset(rows: 4), 0)
    }

    func testNoBlankRowsAtBottomWhenScrolledPastEnd() {
        var state = SelectionState(count: 10)
        state.select(9)
        state.scrollToSelection(rows: 3)
        XCTAssertEqual(state.offset, 7)
        // Taller viewport: show from the top rather than blank rows.
        XCTAssertEqual(state.visibleOffset(rows: 20), 0)
        XCTAssertEqual(state.visibleOffset(rows: 0), 0)
    }
}
