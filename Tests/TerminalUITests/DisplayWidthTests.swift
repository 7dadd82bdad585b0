import XCTest
@testable import TerminalUI

final class DisplayWidthTests: TerminalUITestCase {
    func testLocaleIsUTF8() {
        XCTAssertTrue(TerminalLocale.activate())
    }

    func testStringWidths() {
        let cases: [(String, Int, String)] = [
            ("hello", 5, "ASCII"),
            ("", 0, "empty"),
            ("大连市", 6, "CJK"),
            ("e\u{301}", 1, "e + combining acute"),
            ("👍", 2, "emoji presentation"),
            ("👨\u{200D}👩\u{200D}👧", 2, "ZWJ family"),
            ("🇨🇳", 2, "flag"),
            ("❤\u{FE0F}", 2, "VS16 heart"),
            ("❤", 1, "text-presentation heart"),
            ("👍🏽", 2, "skin tone modifier"),
            ("ａｂ", 4, "fullwidth Latin"),
            ("ｱｲ", 2, "halfwidth katakana"),
            ("한국", 4, "Hangul syllables"),
            ("A大b", 4, "mixed"),
            ("\u{7}", 0, "BEL control"),
            ("\u{1B}", 0, "ESC control"),
            ("\u{9B}", 0, "C1 CSI"),
            ("1\u{FE0F}\u{20E3}", 2, "keycap"),
            ("\u{231A}\u{FE0E}", 2, "VS15 on wide watch keeps wcwidth"),
            ("大连市公安局 👍🇨🇳", 12 + 1 + 2 + 2, "sentence"),
        ]
        for (text, expected, name) in cases {
            XCTAssertEqual(DisplayWidth.of(text), expected, name)
        }
    }

    func testCharacterWidthMatchesStringWidthForSingleGraphemes() {
        for text in ["a", "大", "e\u{301}", "👍", "🇨🇳", "👨\u{200D}👩\u{200D}👧"] {
            XCTAssertEqual(text.count, 1, text)
            if let c = text.first {
                XCTAssertEqual(DisplayWidth.of(c), DisplayWidth.of(text), text)
            }
        }
    }

    func testSubstringWidth() {
        let text = "ab大连"
        XCTAssertEqual(DisplayWidth.of(text.dropFirst(2)), 4)
    }
}
