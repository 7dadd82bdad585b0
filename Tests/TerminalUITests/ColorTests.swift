import XCTest
@testable import TerminalUI

final class ColorTests: XCTestCase {
    func testParsing() {
        let cases: [(String, Color?)] = [
            ("#ff5555", .rgb(255, 85, 85)),
            ("#FF5555", .rgb(255, 85, 85)),
            ("#f0a", .rgb(255, 0, 170)),
            ("default", .default),
            ("DEFAULT", .default),
            ("red", .named(.red)),
            ("brightRed", .named(.brightRed)),
            ("bright-red", .named(.brightRed)),
            ("BRIGHT_RED", .named(.brightRed)),
            ("grey", .named(.brightBlack)),
            ("123", .index256(123)),
            ("0", .index256(0)),
            ("256", nil),
            ("-1", nil),
            ("#12345", nil),
            ("#gg0000", nil),
            ("", nil),
            ("purple", nil),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(Color(parsing: text), expected, text)
        }
    }

    func testDescriptionRoundTrips() {
        for color in [Color.default, .named(.brightCyan), .index256(7), .rgb(1, 0xab, 255)] {
            XCTAssertEqual(Color(parsing: color.description), color, color.description)
        }
        XCTAssertEqual(Color.rgb(1, 0xab, 255).description, "#01abff")
    }

    func testDowngradeTo256() {
        XCTAssertEqual(Color.rgb(255, 85, 85).downgraded(to: .palette256), .index256(203))
        XCTAssertEqual(Color.rgb(128, 128, 128).downgraded(to: .palette256), .index256(244))
        XCTAssertEqual(Color.rgb(0, 0, 0).downgraded(to: .palette256), .index256(16))
        XCTAssertEqual(Color.rgb(255, 255, 255).downgraded(to: .palette256), .index256(231))
        XCTAssertEqual(Color.rgb(0x30, 0x30, 0x30).downgraded(to: .palette256), .index256(236))
        XCTAssertEqual(Color.named(.red).downgraded(to: .palette256), .named(.red))
        XCTAssertEqual(Color.index256(100).downgraded(to: .palette256), .index256(100))
    }

    func testDowngradeTo16() {
        XCTAssertEqual(Color.rgb(255, 85, 85).downgraded(to: .ansi16), .named(.brightRed))
        XCTAssertEqual(Color.rgb(128, 128, 128).downgraded(to: .ansi16), .named(.brightBlack))
        XCTAssertEqual(Color.rgb(0, 0, 120).downgraded(to: .ansi16), .named(.blue))
        XCTAssertEqual(Color.rgb(10, 10, 10).downgraded(to: .ansi16), .named(.black))
        XCTAssertEqual(Color.index256(196).downgraded(to: .ansi16), .named(.brightRed))
        XCTAssertEqual(Color.index256(9).downgraded(to: .ansi16), .named(.brightRed))
        XCTAssertEqual(Color.index256(232).downgraded(to: .ansi16), .named(.black))
        XCTAssertEqual(Color.named(.cyan).downgraded(to: .ansi16), .named(.cyan))
    }

    func testEightColourQuantisationKeepsSelectionVisible() {
        // Via 16 colours then folding, #2f5f8f would be brightBlack → black.
        XCTAssertEqual(Palette256.nearestNamed(to: RGB(0x2f, 0x5f, 0x8f)), .brightBlack)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(0x2f, 0x5f, 0x8f)), .cyan)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(255, 255, 255)), .white)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(127, 127, 127)), .white)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(0x1c, 0x1f, 0x24)), .black)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(255, 95, 95)), .red)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(80, 80, 80)), .white)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(40, 40, 40)), .black)
        XCTAssertEqual(Palette256.nearestBase8(to: RGB(0x35, 0x3b, 0x45)), .black)
    }

    func testMonoAndTruecolorAndDefault() {
        for color in [Color.rgb(1, 2, 3), .index256(42), .named(.red), .default] {
            XCTAssertEqual(color.downgraded(to: .mono), .default)
            XCTAssertEqual(color.downgraded(to: .truecolor), color, "never upgraded or changed")
        }
        XCTAssertEqual(Color.default.downgraded(to: .ansi16), .default)
    }

    func testPalette() {
        XCTAssertEqual(Palette256.rgb(of: 1), RGB(205, 0, 0))
        XCTAssertEqual(Palette256.rgb(of: 16), RGB(0, 0, 0))
        XCTAssertEqual(Palette256.rgb(of: 203), RGB(255, 95, 95))
        XCTAssertEqual(Palette256.rgb(of: 231), RGB(255, 255, 255))
        XCTAssertEqual(Palette256.rgb(of: 244), RGB(128, 128, 128))
        XCTAssertEqual(Palette256.rgb(of: 255), RGB(238, 238, 238))
        // Every cube entry maps back to itself.
        for index in UInt8(16)...231 {
            XCTAssertEqual(Palette256.nearestIndex(to: Palette256.rgb(of: index)), index)
        }
    }

    func testDepthDetection() {
        let cases: [([String: String], Int, ColorDepth)] = [
            (["NO_COLOR": "1", "COLORTERM": "truecolor"], 256, .mono),
            (["NO_COLOR": ""], 256, .palette256),
            (["COLORTERM": "truecolor"], 8, .truecolor),
            (["COLORTERM": "24bit"], 256, .truecolor),
            (["COLORTERM": "TrueColor"], 256, .truecolor),
            (["COLORTERM": "yes"], 256, .palette256),
            ([:], 256, .palette256),
            ([:], 88, .ansi16),
            ([:], 16, .ansi16),
            ([:], 8, .ansi16),
            ([:], 2, .mono),
            ([:], -1, .mono),
            ([:], 16_777_216, .truecolor),
        ]
        for (env, colors, expected) in cases {
            XCTAssertEqual(ColorDepth.detect(env: env, colorsFromTerminfo: colors), expected, "\(env) \(colors)")
        }
        XCTAssertLessThan(ColorDepth.mono, ColorDepth.truecolor)
    }

    func testNamedColorLookup() {
        XCTAssertEqual(NamedColor(name: "magenta"), .magenta)
        XCTAssertEqual(NamedColor(name: "Bright-White"), .brightWhite)
        XCTAssertNil(NamedColor(name: "orange"))
        XCTAssertEqual(NamedColor.brightWhite.index, 15)
    }
}
