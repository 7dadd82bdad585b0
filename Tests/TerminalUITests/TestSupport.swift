import Foundation
import XCTest
@testable import TerminalUI

/// Base class: every test needs a UTF-8 locale, or wcwidth reports -1 for
/// all non-ASCII and every width expectation would be meaningless.
class TerminalUITestCase: XCTestCase {
    override class func setUp() {
        super.setUp()
        precondition(TerminalLocale.activate(), "no UTF-8 locale available")
    }

    /// Draws with `body` into a fresh buffer and returns its plain lines.
    func render(_ width: Int, _ height: Int, _ body: (inout Buffer) -> Void) -> [String] {
        var buffer = Buffer(width: width, height: height)
        body(&buffer)
        return buffer.lines()
    }

    /// Styles of the cells in `row` from `x` for `count` columns.
    func styles(_ buffer: Buffer, row: Int, from x: Int, count: Int) -> [Style] {
        (x..<x + count).map { buffer[$0, row].style }
    }
}

/// Paths of the shipped theme files.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let themesDirectory = packageRoot.appendingPathComponent("themes")

    static func themeFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
