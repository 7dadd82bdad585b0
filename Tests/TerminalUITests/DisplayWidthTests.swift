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

    /// The prefilter in front of the `Emoji_Presentation` lookup must hold for the
    /// Unicode tables this toolchain carries: no such scalar may lie outside it.
    func testEmojiPresentationPrefilterCoversEveryScalar() {
        var outside: [UInt32] = [], inside = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isEmojiPresentation else { continue }
            if DisplayWidth.mayPresentAsEmoji(scalar) { inside += 1 } else { outside.append(value) }
        }
        XCTAssertEqual(outside, [], "Emoji_Presentation scalars outside the prefilter")
        XCTAssertGreaterThan(inside, 1000, "the toolchain's tables list the emoji")
    }

    func testASCIIWidthsWithoutTables() {
        XCTAssertEqual(DisplayWidth.of(Character("\r\n")), 0)
        XCTAssertEqual(DisplayWidth.of(Character("\u{7F}")), 0)
        XCTAssertEqual(DisplayWidth.of(Character(" ")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("~")), 1)
    }

    func testSubstringWidth() {
        let text = "ab大连"
        XCTAssertEqual(DisplayWidth.of(text.dropFirst(2)), 4)
    }
}
