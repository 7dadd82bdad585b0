import XCTest
@testable import TerminalUI

final class BufferTests: TerminalUITestCase {
    func testPutASCIIAndReturnValue() {
        var buffer = Buffer(width: 8, height: 2)
        let advanced = buffer.put("hello", x: 1, y: 0)
        XCTAssertEqual(advanced, 5)
        XCTAssertEqual(buffer.lines(), [" hello  ", "        "])
        XCTAssertEqual(buffer.lines(trimTrailing: true), [" hello", ""])
    }

    func testWideCharactersUseContinuationCells() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("大连", x: 0, y: 0, style: Style(.alertRed))
        XCTAssertEqual(buffer[0, 0].grapheme, "大")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].grapheme, "连")
        XCTAssertTrue(buffer[3, 0].isContinuation)
        XCTAssertEqual(buffer[1, 0].style, Style(.alertRed))
        XCTAssertEqual(buffer.lines(), ["大连  "])
    }

    func testWideCharacterAtRightEdgeBecomesPad() {
        var buffer = Buffer(width: 5, height: 1)
        let advanced = buffer.put("ab大连", x: 0, y: 0)
        XCTAssertEqual(buffer.lines(), ["ab大 "])
        XCTAssertFalse(buffer[4, 0].isContinuation)
        XCTAssertEqual(buffer[4, 0].grapheme, " ")
        XCTAssertEqual(advanced, 5)
    }

    func testMaxWidthClipsWithPad() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.fill(buffer.bounds, with: "x")
        buffer.put("大连市", x: 1, y: 0, maxWidth: 3)
        XCTAssertEqual(buffer.lines(), ["x大 xxxx"])
    }

    func testNegativeXClipsAndPadsStraddlingWideChar() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("大连", x: -1, y: 0)
        XCTAssertEqual(buffer.lines(), [" 连 "])
        XCTAssertFalse(buffer[0, 0].isContinuation)
        XCTAssertTrue(buffer[2, 0].isContinuation)
    }

    func testOutOfRangeRowIsIgnored() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.put("abc", x: 0, y: 5)
        buffer.put("abc", x: 0, y: -1)
        XCTAssertEqual(buffer.lines(), ["   "])
    }

    func testOverwritingHalfOfWideCharBlanksTheOtherHalf() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("大连市", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)   // right half of 大
        buffer.put("y", x: 2, y: 0)   // left half of 连
        XCTAssertEqual(buffer.lines(), [" xy 市"])
        for x in 0..<4 { XCTAssertFalse(buffer[x, 0].isContinuation, "column \(x)") }
        XCTAssertTrue(buffer[5, 0].isContinuation)
    }

    func testWideOverWideOffsetByOne() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("大连市", x: 0, y: 0)
        buffer.put("中", x: 1, y: 0)
        XCTAssertEqual(buffer.lines(), [" 中 市"])
    }

    func testCombiningMarkStaysWithBase() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("e\u{301}x", x: 0, y: 0)
        XCTAssertEqual(buffer[0, 0].grapheme, "e\u{301}")
        XCTAssertEqual(buffer[1, 0].grapheme, "x")
    }

    func testLoneZeroWidthAtStartIsDropped() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.put("\u{301}ab", x: 0, y: 0)
        XCTAssertEqual(buffer.lines(), ["ab "])
    }

    func testEmojiSequencesOccupyTwoCells() {
        var buffer = Buffer(width: 7, height: 1)
        buffer.put("👨\u{200D}👩\u{200D}👧🇨🇳!", x: 0, y: 0)
        XCTAssertEqual(buffer[0, 0].grapheme, "👨\u{200D}👩\u{200D}👧")
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].grapheme, "🇨🇳")
        XCTAssertEqual(buffer[4, 0].grapheme, "!")
    }

    func testPutSanitisesControls() {
        var buffer = Buffer(width: 10, height: 1)
        buffer.put("\u{1B}[2J", x: 0, y: 0)
        XCTAssertEqual(buffer.lines(trimTrailing: true), ["\\e[2J"])
        let scalars = buffer.cells.flatMap { $0.grapheme.unicodeScalars }
        XCTAssertFalse(scalars.contains { $0.value < 0x20 })
    }

    func testPutInertStylesEscapes() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.putInert("a\u{7}b", x: 0, y: 0)
        XCTAssertEqual(buffer.lines(), ["a\\x07b  "])
        XCTAssertEqual(buffer[0, 0].style.fg, .text)
        XCTAssertEqual(buffer[1, 0].style.fg, .escapedText)
        XCTAssertEqual(buffer[4, 0].style.fg, .escapedText)
        XCTAssertEqual(buffer[5, 0].style.fg, .text)
    }

    func testPutInertRespectsMaxWidth() {
        var buffer = Buffer(width: 8, height: 1)
        let advanced = buffer.putInert("a\u{7}bcdef", x: 1, y: 0, maxWidth: 4)
        XCTAssertEqual(advanced, 4)
        XCTAssertEqual(buffer.lines(), [" a\\x0   "])
    }

    func testFillAndClear() {
        var buffer = Buffer(width: 5, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 10), with: "#", style: Style(.banner))
        XCTAssertEqual(buffer.lines(), ["     ", " ####", " ####"])
        XCTAssertEqual(buffer[1, 1].style, Style(.banner))
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 1), with: "中")
        XCTAssertEqual(buffer.lines()[0], "中中 ")
        buffer.clear()
        XCTAssertEqual(buffer.lines(trimTrailing: true), ["", "", ""])
    }

    func testHugeMaxWidthDoesNotOverflow() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.put("abcdef", x: 1, y: 0, maxWidth: Int.max)
        buffer.putInert("z", x: 0, y: 0, maxWidth: Int.max)
        XCTAssertEqual(buffer.lines(), ["zab"])
    }

    func testEveryLineHasBufferWidth() {
        var buffer = Buffer(width: 7, height: 3)
        buffer.put("大连市公安", x: 0, y: 0)
        buffer.put("a👍b🇨🇳", x: 1, y: 1)
        buffer.put("e\u{301}大", x: 5, y: 2)
        for line in buffer.lines() { XCTAssertEqual(DisplayWidth.of(line), 7, line) }
    }
}
