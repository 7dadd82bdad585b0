import XCTest
@testable import TerminalUI

final class TextLayoutTests: TerminalUITestCase {
    func testTruncateCases() {
        let cases: [(String, Int, String)] = [
            ("hello", 10, "hello"),
            ("hello", 5, "hello"),
            ("hello", 4, "hel…"),
            ("hello", 1, "…"),
            ("hello", 0, ""),
            ("hello", -3, ""),
            ("大连市", 6, "大连市"),
            ("大连市", 5, "大连…"),
            ("大连市", 4, "大…"),
            ("大连市", 3, "大…"),
            ("大连市", 2, "…"),
            ("大连市", 1, "…"),
            ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
            ("👨\u{200D}👩\u{200D}👧xyz", 3, "👨\u{200D}👩\u{200D}👧…"),
            ("👨\u{200D}👩\u{200D}👧xyz", 2, "…"),
            ("🇨🇳🇨🇳", 3, "🇨🇳…"),
        ]
        for (text, width, expected) in cases {
            let result = TextLayout.truncate(text, toWidth: width)
            XCTAssertEqual(result, expected, "\(text) @ \(width)")
            XCTAssertLessThanOrEqual(DisplayWidth.of(result), max(0, width), "\(text) @ \(width)")
        }
    }

    func testTruncateNeverSplitsGraphemes() {
        let samples = ["e\u{301}x", "👨\u{200D}👩\u{200D}👧", "🇨🇳中", "❤\u{FE0F}ab", "한\u{1100}\u{1161}"]
        for sample in samples {
            let graphemes = Set(sample.map { String($0) } + ["…"])
            for width in 0...6 {
                let result = TextLayout.truncate(sample, toWidth: width)
                for character in result {
                    XCTAssertTrue(graphemes.contains(String(character)), "\(sample) @ \(width): \(result)")
                }
            }
        }
    }

    func testPadAlignment() {
        XCTAssertEqual(TextLayout.pad("ab", toWidth: 5), "ab   ")
        XCTAssertEqual(TextLayout.pad("ab", toWidth: 5, alignment: .right), "   ab")
        XCTAssertEqual(TextLayout.pad("ab", toWidth: 5, alignment: .center), " ab  ")
        XCTAssertEqual(TextLayout.pad("大连", toWidth: 5), "大连 ")
        XCTAssertEqual(TextLayout.pad("大连", toWidth: 5, alignment: .right), " 大连")
        XCTAssertEqual(TextLayout.pad("toolong", toWidth: 3), "toolong")
    }

    func testFitIsExactWidthEvenForCJKAtOddWidths() {
        for width in 0...8 {
            let fitted = TextLayout.fit("大连市甘井子", toWidth: width)
            XCTAssertEqual(DisplayWidth.of(fitted), width, "width \(width): \(fitted)")
        }
        XCTAssertEqual(TextLayout.fit("大连市", toWidth: 4), "大… ")
        XCTAssertEqual(TextLayout.fit("大连市", toWidth: 4, alignment: .right), " 大…")
    }

    func testPrefixFitting() {
        let (text, width) = TextLayout.prefix("a大b", fittingWidth: 2)
        XCTAssertEqual(text, "a")
        XCTAssertEqual(width, 1)
    }
}
