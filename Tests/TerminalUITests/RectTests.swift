import XCTest
@testable import TerminalUI

final class RectTests: XCTestCase {
    func testRowsWithFixedFractionAndFill() {
        let rect = Rect(x: 2, y: 1, width: 10, height: 20)
        let parts = rect.rows([.fixed(1), .fraction(0.5), .fill, .fixed(2)])
        XCTAssertEqual(parts.map(\.height), [1, 10, 7, 2])
        XCTAssertEqual(parts.map(\.y), [1, 2, 12, 19])
        XCTAssertTrue(parts.allSatisfy { $0.x == 2 && $0.width == 10 })
    }

    func testColumnsShareFillByWeightWithExactSum() {
        let parts = Rect(width: 11, height: 1).columns([.fill(weight: 1), .fill(weight: 2)])
        XCTAssertEqual(parts.map(\.width), [4, 7])
        XCTAssertEqual(parts.map(\.x), [0, 4])
    }

    func testOverflowingFixedSizesAreClamped() {
        let parts = Rect(width: 5, height: 3).columns([.fixed(4), .fixed(4), .fill])
        XCTAssertEqual(parts.map(\.width), [4, 1, 0])
    }

    func testInsetNeverGoesNegative() {
        let inner = Rect(x: 0, y: 0, width: 3, height: 1).inset(by: 1)
        XCTAssertEqual(inner.width, 1)
        XCTAssertEqual(inner.height, 0)
        XCTAssertTrue(inner.isEmpty)
        XCTAssertEqual(Rect(x: 1, y: 1, width: 10, height: 5).inset(top: 1, left: 2, bottom: 0, right: 3),
                       Rect(x: 3, y: 2, width: 5, height: 4))
    }

    func testSplitHelpersAndIntersection() {
        let rect = Rect(width: 80, height: 24)
        let (top, rest) = rect.splitTop(1)
        XCTAssertEqual(top, Rect(x: 0, y: 0, width: 80, height: 1))
        XCTAssertEqual(rest, Rect(x: 0, y: 1, width: 80, height: 23))
        let (body, bottom) = rest.splitBottom(1)
        XCTAssertEqual(bottom.y, 23)
        XCTAssertEqual(body.height, 22)
        let (left, right) = rect.splitLeft(30)
        XCTAssertEqual(left.width + right.width, 80)
        XCTAssertEqual(Rect(x: 5, y: 5, width: 10, height: 10).intersection(Rect(width: 8, height: 7)),
                       Rect(x: 5, y: 5, width: 3, height: 2))
        XCTAssertTrue(Rect(width: 2, height: 2).intersection(Rect(x: 5, y: 5, width: 1, height: 1)).isEmpty)
        XCTAssertTrue(rect.contains(x: 79, y: 23))
        XCTAssertFalse(rect.contains(x: 80, y: 0))
    }
}
