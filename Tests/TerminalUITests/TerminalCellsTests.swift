import XCTest
@testable import TerminalUI

final class TerminalCellsTests: TerminalUITestCase {
    private func groups(_ grapheme: String) -> [String] {
        let width = grapheme.first.map { DisplayWidth.of($0) } ?? 0
        let groups = TerminalCells.groups(for: grapheme, width: width)
        XCTAssertEqual(groups.reduce(0) { $0 + $1.width }, width, grapheme.debugDescription)
        return groups.map { String(String.UnicodeScalarView($0.scalars)) }
    }

    func testGroupsCoverTheCellWidth() {
        let cases: [(String, [String])] = [
            ("a", ["a"]),
            ("大", ["大"]),
            ("e\u{301}", ["e\u{301}"]),
            ("👍", ["👍"]),
            ("👍🏽", ["👍"]),
            ("👨\u{200D}👩\u{200D}👧", ["👨"]),
            ("🇨🇳", ["C", "N"]),
            ("❤\u{FE0F}", ["❤", " "]),
            (" ", [" "]),
        ]
        for (grapheme, expected) in cases {
            XCTAssertEqual(groups(grapheme), expected, grapheme.debugDescription)
        }
    }

    func testEveryGroupStartsWithASpacingScalarOfWidthOne() {
        for grapheme in ["🇨🇳", "❤\u{FE0F}", "1\u{FE0F}\u{20E3}", "a", "\u{E000}"] {
            for group in TerminalCells.groups(for: grapheme, width: DisplayWidth.of(grapheme)) {
                XCTAssertLessThanOrEqual(group.scalars.count, TerminalCells.maxScalarsPerCell)
                XCTAssertEqual(group.width, 1, grapheme.debugDescription)
                XCTAssertEqual(group.scalars.first.map { DisplayWidth.of(Character($0)) }, 1, grapheme.debugDescription)
            }
        }
    }

    func testZeroWidthAsksForNothing() {
        XCTAssertEqual(TerminalCells.groups(for: "x", width: 0).count, 0)
    }
}
