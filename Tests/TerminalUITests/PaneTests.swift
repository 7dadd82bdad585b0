import XCTest
@testable import TerminalUI

final class PaneTests: TerminalUITestCase {
    func testBorderAndTruncatedTitle() {
        var interior = Rect(width: 0, height: 0)
        let lines = render(12, 4) { buffer in
            interior = Pane(title: "Incidents").render(into: &buffer, in: buffer.bounds)
        }
        XCTAssertEqual(lines, [
            "┌─ Incid… ─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        XCTAssertEqual(interior, Rect(x: 1, y: 1, width: 10, height: 2))
    }

    func testCJKTitles() {
        XCTAssertEqual(render(12, 2) { Pane(title: "警情").render(into: &$0, in: $0.bounds) },
                       ["┌─ 警情 ───┐", "└──────────┘"])
        // Room for 3 columns: 大 plus the ellipsis, never half a character.
        XCTAssertEqual(render(9, 2) { Pane(title: "大连市").render(into: &$0, in: $0.bounds) },
                       ["┌─ 大… ─┐", "└───────┘"])
    }

    func testTitleIsSanitised() {
        let lines = render(20, 2) { Pane(title: "\u{1B}[2Jevil").render(into: &$0, in: $0.bounds) }
        XCTAssertEqual(lines[0], "┌─ \\e[2Jevil ──────┐")
    }

    func testFocusedStyles() {
        var buffer = Buffer(width: 10, height: 3)
        Pane(title: "Map", focused: true).render(into: &buffer, in: buffer.bounds)
        XCTAssertEqual(buffer[0, 0].style.fg, .paneBorderFocus)
        XCTAssertEqual(buffer[0, 1].style.fg, .paneBorderFocus)
        XCTAssertEqual(buffer[3, 0].style.fg, .paneTitleFocus)
        Pane(title: "Map", focused: false).render(into: &buffer, in: buffer.bounds)
        XCTAssertEqual(buffer[9, 2].style.fg, .paneBorder)
        XCTAssertEqual(buffer[3, 0].style.fg, .paneTitle)
    }

    func testTooSmallDrawsNothing() {
        var buffer = Buffer(width: 5, height: 5)
        let inner = Pane(title: "x").render(into: &buffer, in: Rect(x: 1, y: 1, width: 1, height: 4))
        XCTAssertTrue(inner.isEmpty)
        XCTAssertEqual(buffer, Buffer(width: 5, height: 5))
    }

    func testPaneInsideLargerBufferAtOffset() {
        let lines = render(8, 5) { Pane().render(into: &$0, in: Rect(x: 2, y: 1, width: 4, height: 3)) }
        XCTAssertEqual(lines, ["        ", "  ┌──┐  ", "  │  │  ", "  └──┘  ", "        "])
    }
}
