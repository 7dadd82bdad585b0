import XCTest
@testable import TerminalUI

final class SanitizerTests: TerminalUITestCase {
    /// The property every output must have, whatever the input.
    private func assertInert(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        for scalar in output.unicodeScalars {
            let v = scalar.value
            XCTAssertFalse(v < 0x20, "C0 U+\(String(v, radix: 16)) in \(output.debugDescription)", file: file, line: line)
            XCTAssertFalse((0x7F...0x9F).contains(v), "DEL/C1 U+\(String(v, radix: 16))", file: file, line: line)
            XCTAssertFalse(Sanitizer.bidiControls.contains(v), "bidi U+\(String(v, radix: 16))", file: file, line: line)
            XCTAssertFalse([0x200B, 0x2060, 0xFEFF].contains(v), "invisible U+\(String(v, radix: 16))",
                           file: file, line: line)
        }
    }

    func testEscapeCases() {
        let cases: [(String, String, String)] = [
            ("a\u{1B}]0;X\u{7}b", "a\\e]0;X\\x07b", "OSC title set"),
            ("\u{1B}[2J", "\\e[2J", "clear screen"),
            ("\u{1B}[31mred\u{1B}[0m", "\\e[31mred\\e[0m", "SGR colour"),
            ("abc\u{202E}def", "abc\\u{202E}def", "RLO override"),
            ("x\u{9B}31m", "x\\u{009B}31m", "C1 CSI"),
            ("del\u{7F}", "del\\x7f", "DEL"),
            ("nul\u{0}", "nul\\x00", "NUL"),
            ("zero\u{200B}width", "zero\\u{200B}width", "zero-width space"),
            ("a\tb\nc\rd", "a\\tb\\nc\\rd", "tab/newline/return"),
            ("\r\n", "\\r\\n", "CRLF grapheme"),
            ("\u{1B}P1$r\u{1B}\\", "\\eP1$r\\e\\", "DCS with ST"),
            ("\u{1B}_apc\u{1B}\\", "\\e_apc\\e\\", "APC"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}", "isolates"),
            ("\u{200E}\u{200F}\u{61C}", "\\u{200E}\\u{200F}\\u{061C}", "marks"),
            ("\u{FEFF}bom", "\\u{FEFF}bom", "BOM"),
            ("word\u{2060}joiner", "word\\u{2060}joiner", "word joiner"),
        ]
        for (input, expected, name) in cases {
            let output = Sanitizer.inert(input)
            XCTAssertEqual(output, expected, name)
            assertInert(output)
        }
    }

    func testCleanTextIsUntouched() {
        for text in ["大连市公安局", "Ünïcödé", "👨\u{200D}👩\u{200D}👧 family", "🇨🇳", "e\u{301}", "back\\slash"] {
            XCTAssertEqual(Sanitizer.inert(text), text)
        }
    }

    func testZWJPolicy() {
        // Inside an emoji sequence: kept. Leading (joins nothing): escaped.
        XCTAssertEqual(Sanitizer.inert("👨\u{200D}👩"), "👨\u{200D}👩")
        XCTAssertEqual(Sanitizer.inert("\u{200D}x"), "\\u{200D}x")
    }

    func testTagCharactersOnlyInsideFlags() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        XCTAssertEqual(Sanitizer.inert(england), england)
        let smuggled = "ok\u{E0068}\u{E0069}"
        XCTAssertEqual(Sanitizer.inert(smuggled), "ok\\u{E0068}\\u{E0069}")
    }

    func testIdempotent() {
        let nasty = "\u{1B}]8;;http://x\u{7}link\u{1B}]8;;\u{7}\u{202E}\u{9B}"
        let once = Sanitizer.inert(nasty)
        XCTAssertEqual(Sanitizer.inert(once), once)
        assertInert(once)
    }

    func testEveryLowScalarIsNeutralised() {
        var all = ""
        for v in UInt32(0)...0xA0 {
            if let scalar = Unicode.Scalar(v) { all.unicodeScalars.append(scalar) }
        }
        let output = Sanitizer.inert(all)
        assertInert(output)
        XCTAssertTrue(output.contains("\\x01"))
        XCTAssertTrue(output.contains("\\u{0085}"))
    }

    func testSpansMarkEscapes() {
        let spans = Sanitizer.spans("a\u{1B}[1mb")
        XCTAssertEqual(spans, [
            .init(text: "a", isEscape: false),
            .init(text: "\\e", isEscape: true),
            .init(text: "[1mb", isEscape: false),
        ])
    }

    func testShortcutAgreesWithTheSetsForEveryScalar() {
        var disagree: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Sanitizer.isUnsafe(scalar) != Sanitizer.isListed(scalar) { disagree.append(value) }
        }
        XCTAssertEqual(disagree, [])
        XCTAssertTrue(Sanitizer.isUnsafe("\u{202E}"))
        XCTAssertTrue(Sanitizer.isUnsafe("\u{FEFF}"))
        XCTAssertFalse(Sanitizer.isUnsafe("大"))
    }
}
