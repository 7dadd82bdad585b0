@testable import Dashboard
import DispatchCore
import XCTest

/// Time left rounds up, time passed rounds down (issue 15, item 9).
final class FormatTests: XCTestCase {
    func testTimeLeftShowsWhatWasSet() {
        let second: Int64 = 1000, hour = 3_600_000 as Int64, day = 86_400_000 as Int64
        let cases: [(Int64, String)] = [
            (3 * day - 5 * second, "3d"), (3 * day, "3d"), (2 * day + 1, "3d"), (2 * day - second, "48h"),
            (4 * hour - 250, "4h"), (30 * 60_000 - 1, "30m"), (59 * second + 1, "1m"), (59 * second, "59s"), (1, "1s"), (0, "0s"),
        ]
        for (ms, expected) in cases {
            XCTAssertEqual(Format.remaining(Duration(ms: ms)), expected, "\(ms) ms")
        }
        XCTAssertEqual(Format.span(Duration(ms: 3 * day - 5 * second)), "2d", "time passed still rounds down")
    }
}
