import XCTest
@testable import TerminalUI

final class KeyTests: XCTestCase {
    func testControlScalars() {
        let cases: [(UInt32, Key)] = [
            (0x01, .ctrl("a")), (0x1A, .ctrl("z")), (0x09, .tab), (0x0D, .enter), (0x0A, .enter),
            (0x7F, .backspace), (0x08, .backspace), (0x1B, .escape), (0x00, .ctrl(" ")),
            (0x1C, .ctrl("\\")), (0x41, .char("A")), (0x5927, .char("大")),
        ]
        for (value, expected) in cases {
            guard let scalar = Unicode.Scalar(value) else { return XCTFail("bad scalar \(value)") }
            XCTAssertEqual(Key(scalar: scalar), expected, "U+\(String(value, radix: 16))")
        }
        XCTAssertEqual(Key(scalar: "\u{85}"), .unknown("C1 U+0085"))
        XCTAssertTrue(Key.char("x").isPrintable)
        XCTAssertFalse(Key.enter.isPrintable)
    }

    func testEscapeSequences() {
        let cases: [(String, EscapeSequence.Decoded)] = [
            ("", .key(.escape, consumed: 0)),
            ("[A", .key(.up, consumed: 2)),
            ("[B", .key(.down, consumed: 2)),
            ("[1;5C", .key(.right, consumed: 5)),
            ("[3~", .key(.delete, consumed: 3)),
            ("[5~", .key(.pageUp, consumed: 3)),
            ("[6;2~", .key(.pageDown, consumed: 5)),
            ("[Z", .key(.backTab, consumed: 2)),
            ("[H", .key(.home, consumed: 2)),
            ("[4~", .key(.end, consumed: 3)),
            ("OP", .key(.f(1), consumed: 2)),
            ("OA", .key(.up, consumed: 2)),
            ("[15~", .key(.f(5), consumed: 4)),
            ("[24~", .key(.f(12), consumed: 4)),
            ("[A[B", .key(.up, consumed: 2)),
            ("x", .key(.alt("x"), consumed: 1)),
            ("\u{1B}", .key(.escape, consumed: 0)),
            ("[", .incomplete),
            ("[1;", .incomplete),
            ("O", .incomplete),
            ("[99~", .key(.unknown("ESC [ 99 ~"), consumed: 4)),
        ]
        for (tail, expected) in cases {
            XCTAssertEqual(EscapeSequence.decode(Array(tail.unicodeScalars)), expected, tail.debugDescription)
        }
    }

    /// A mouse report that reaches the fallback decoder (an Escape just before it) is a
    /// mouse event or nothing, never its bytes as keys.
    func testMouseReportsAfterAnEscape() {
        let cases: [(String, EscapeSequence.Decoded)] = [
            ("[M !2", .key(.mouse(MouseEvent(.press, x: 0, y: 17)), consumed: 5)),
            ("[M aa", .key(.mouse(MouseEvent(.press, x: 64, y: 64)), consumed: 5)),
            ("[M#!2", .key(.unknown("mouse"), consumed: 5)),
            ("[M`$%", .key(.mouse(MouseEvent(.wheelUp, x: 3, y: 4)), consumed: 5)),
            ("[Ma$%", .key(.mouse(MouseEvent(.wheelDown, x: 3, y: 4)), consumed: 5)),
            ("[M !2x", .key(.mouse(MouseEvent(.press, x: 0, y: 17)), consumed: 5)),
            ("[M", .incomplete),
            ("[M !", .incomplete),
            ("[<0;4;18M", .key(.mouse(MouseEvent(.press, x: 3, y: 17)), consumed: 9)),
            ("[<0;4;18m", .key(.unknown("mouse"), consumed: 9)),
            ("[<65;1;1M", .key(.mouse(MouseEvent(.wheelDown, x: 0, y: 0)), consumed: 9)),
            ("[<0;;1M", .key(.unknown("mouse"), consumed: 7)),
        ]
        for (tail, expected) in cases {
            XCTAssertEqual(EscapeSequence.decode(Array(tail.unicodeScalars)), expected, tail.debugDescription)
        }
        // Cut short, the report's bytes are dropped whole, not typed.
        XCTAssertEqual(EscapeSequence.decode(Array("[M a".unicodeScalars), inputEnded: true),
                       .key(.unknown("ESC [ M   a"), consumed: 4))
    }

    func testIncompleteSequencesWhenInputEnded() {
        XCTAssertEqual(EscapeSequence.decode(["["], inputEnded: true), .key(.alt("["), consumed: 1))
        XCTAssertEqual(EscapeSequence.decode(["O"], inputEnded: true), .key(.alt("O"), consumed: 1))
        XCTAssertEqual(EscapeSequence.decode(["[", "1", ";"], inputEnded: true),
                       .key(.unknown("ESC [ 1 ;"), consumed: 3))
        XCTAssertEqual(EscapeSequence.decode(["[", "A"], inputEnded: true), .key(.up, consumed: 2))
    }
}
