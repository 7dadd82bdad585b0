import XCTest
@testable import TerminalUI

final class StatusLineTests: TerminalUITestCase {
    private let hints = [KeyHint("a", "accept"), KeyHint("d", "dispatch"), KeyHint("q", "quit")]

    func testAllHintsFit() {
        var buffer = Buffer(width: 30, height: 1)
        StatusLine(hints: hints).render(into: &buffer, in: buffer.bounds)
        XCTAssertEqual(buffer.lines(), ["a accept  d dispatch  q quit  "])
        XCTAssertEqual(buffer[0, 0].style.fg, .statusKey)
        XCTAssertEqual(buffer[1, 0].style.fg, .statusBar)
        XCTAssertEqual(buffer[10, 0].style.fg, .statusKey)
        XCTAssertEqual(buffer[29, 0].style.fg, .statusBar)
    }

    func testHintsDroppedWholeWithMarker() {
        XCTAssertEqual(render(20, 1) { StatusLine(hints: hints).render(into: &$0, in: $0.bounds) },
                       ["a accept  …         "])
        XCTAssertEqual(render(3, 1) { StatusLine(hints: hints).render(into: &$0, in: $0.bounds) },
                       ["…  "])
        XCTAssertEqual(render(0, 1) { StatusLine(hints: hints).render(into: &$0, in: $0.bounds) }, [""])
    }

    func testMessageRightAlignedAndPreferred() {
        var buffer = Buffer(width: 30, height: 1)
        StatusLine(hints: hints, message: "12:00", messageStyle: Style(.stale)).render(into: &buffer, in: buffer.bounds)
        XCTAssertEqual(buffer.lines(), ["a accept  d dispatch  …  12:00"])
        XCTAssertEqual(buffer[25, 0].style.fg, .stale)
    }

    func testAMessageWinsOverHints() {
        XCTAssertEqual(render(10, 1) {
            StatusLine(hints: hints, message: "数据已过期五分钟").render(into: &$0, in: $0.bounds)
        }, [" 数据已过…"], "a message longer than the line takes all of it")
        XCTAssertEqual(render(30, 1) {
            StatusLine(hints: hints, message: "no theme named 'x'").render(into: &$0, in: $0.bounds)
        }, ["a accept  … no theme named 'x'"], "the hints get what the message leaves")
    }

    func testHintFitting() {
        XCTAssertEqual(StatusLine.hintsThatFit([8, 10, 6], room: 28), 3)
        XCTAssertEqual(StatusLine.hintsThatFit([8, 10, 6], room: 27), 2)
        XCTAssertEqual(StatusLine.hintsThatFit([8, 10, 6], room: 22), 1)
        XCTAssertEqual(StatusLine.hintsThatFit([8], room: 8), 1)
        XCTAssertEqual(StatusLine.hintsThatFit([8], room: 7), 0)
        XCTAssertEqual(StatusLine.hintsThatFit([], room: 0), 0)
    }
}
