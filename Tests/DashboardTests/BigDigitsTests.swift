import Dashboard
import XCTest

/// The wall's large numbers read back as drawn (issue 16, big counters).
final class BigDigitsTests: XCTestCase {
    func testEveryNumberReadsBackInBothFonts() {
        for font in [BigDigits.small, BigDigits.large] {
            for n in [0, 7, 10, 48, 999, 1234, 21_035, 1_000_000] {
                let rows = BigDigits.rows(n, font: font)
                XCTAssertEqual(rows.count, font["0"]?.count)
                XCTAssertEqual(BigDigits.decode(rows, font: font), n, "\(n)\n" + rows.joined(separator: "\n"))
            }
        }
        XCTAssertEqual(BigDigits.rows(1234, font: BigDigits.small)[0], "▀█   ▀▀█ ▀▀█ █ █", "thousands set apart by a wider gap")
        XCTAssertNil(BigDigits.decode(["abc", "def", "ghi"], font: BigDigits.small))
    }
}
