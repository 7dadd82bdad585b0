import XCTest
@testable import TerminalUI

final class BufferDiffTests: TerminalUITestCase {
    func testIdenticalBuffersHaveNoRuns() {
        var a = Buffer(width: 5, height: 2)
        a.put("abc", x: 0, y: 0)
        XCTAssertEqual(a.diff(from: a), [])
    }

    func testChangedCellsFormRuns() {
        var old = Buffer(width: 8, height: 2)
        old.put("abcdefgh", x: 0, y: 0)
        var new = old
        new.put("XY", x: 2, y: 0)
        new.put("Z", x: 7, y: 0)
        let runs = new.diff(from: old)
        XCTAssertEqual(runs.map(\.x), [2, 7])
        XCTAssertEqual(runs.map(\.y), [0, 0])
        XCTAssertEqual(runs.map(\.text), ["XY", "Z"])
    }

    func testStyleOnlyChangeIsARun() {
        var old = Buffer(width: 4, height: 1)
        old.put("abcd", x: 0, y: 0)
        var new = old
        new.put("b", x: 1, y: 0, style: Style(.selection))
        XCTAssertEqual(new.diff(from: old).map(\.text), ["b"])
    }

    func testWideCharacterRunIncludesBothHalves() {
        var old = Buffer(width: 6, height: 1)
        old.put("ab大cd", x: 0, y: 0)
        var new = old
        new.put("大", x: 2, y: 0, style: Style(.alertRed))
        let runs = new.diff(from: old)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs.first?.x, 2)
        XCTAssertEqual(runs.first?.width, 2)
        XCTAssertEqual(runs.first?.text, "大")
    }

    func testRunNeverStartsOnContinuation() {
        var old = Buffer(width: 6, height: 1)
        old.put("大连市", x: 0, y: 0)
        var new = Buffer(width: 6, height: 1)
        new.put("大x市", x: 0, y: 0)
        new.put("大中", x: 0, y: 0)
        for run in new.diff(from: old) {
            XCTAssertFalse(run.cells.first?.isContinuation ?? true, "run at \(run.x)")
        }
    }

    func testSizeChangeRepaintsEverything() {
        let old = Buffer(width: 3, height: 1)
        var new = Buffer(width: 4, height: 2)
        new.put("ab", x: 0, y: 1)
        let runs = new.diff(from: old)
        XCTAssertEqual(runs.count, 2)
        XCTAssertEqual(runs.map(\.text), ["    ", "ab  "])
    }

    func testApplyingDiffReproducesNewBuffer() {
        var old = Buffer(width: 10, height: 3)
        old.put("大连市 gridwatch", x: 0, y: 0)
        old.put("👍 ok", x: 3, y: 2)
        var new = old
        new.put("x中y", x: 1, y: 0, style: Style(.selection))
        new.put("🇨🇳", x: 8, y: 1)
        new.put("e\u{301}", x: 3, y: 2)
        var patched = old
        patched.apply(new.diff(from: old))
        XCTAssertEqual(patched, new)
        XCTAssertNotEqual(old, new)
    }
}
