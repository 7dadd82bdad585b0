import TerminalUI
import XCTest

/// Shapes that made toml++ (inside TOMLKit) abort on an assertion, found by fuzzing,
/// are refused with a line number before TOMLKit sees them; valid files pass.
final class TOMLPrecheckTests: XCTestCase {
    func testFuzzFindingsAreRefused() {
        XCTAssertEqual(TOMLPrecheck.problem(in: "\n[ = \"30m\"\nyellow = \"2h\"\n")?.line, 2)
        XCTAssertEqual(TOMLPrecheck.problem(in: "name = \"x\"\n[\u{2}\u{0}\u{0}\u{0}colors]\n")?.line, 2)
        XCTAssertNotNil(TOMLPrecheck.problem(in: "[colors]\ntext = { = 1 }\n"))
        XCTAssertNotNil(TOMLPrecheck.problem(in: "[colors]\ntext = { fg = \"#fff\", , }\n"))
        XCTAssertNotNil(TOMLPrecheck.problem(in: "a.=1\n"))
        XCTAssertEqual(TOMLPrecheck.problem(in: "[\r\r\r\"")?.message, "carriage return without a line feed")
        XCTAssertEqual(TOMLPrecheck.problem(in: "a = 1\n[\rresolve]\n")?.line, 2)
        XCTAssertNil(TOMLPrecheck.problem(in: "a = 1\r\n[b]\r\nc = 2\r\n").map { "\($0)" }, "CRLF files are fine")
        XCTAssertEqual(TOMLPrecheck.problem(in: "x = 1\ninp = [}}}}\"default\"\n")?.line, 2)
        XCTAssertNotNil(TOMLPrecheck.problem(in: "a = ,\n"))
        XCTAssertNotNil(TOMLPrecheck.problem(in: "a = [1,,2]\n"))
        XCTAssertNotNil(TOMLPrecheck.problem(in: "a = { b = }\n"))
        XCTAssertNotNil(TOMLPrecheck.problem(in: "a =\n"))
        XCTAssertThrowsError(try Theme.parse("[ = \"x\"\n", file: "t.toml"))
    }

    func testValidShapesPass() throws {
        let ok = """
        # comment with [ and = and { in it
        name = "x"  # trailing
        "quoted key" = 'lit'
        dotted.key = 1
        multi = \"\"\"
        [ not a header
        = not a key
        \"\"\"
        [colors]
        text = { fg = "#d7dae0", bg = "default", bold = true }
        list = [1, 2, { a = 1 }]
        empty = []
        trailing = [
          1,  # one
          2,
        ]
        [[array.of.tables]]
        x = 1
        """
        XCTAssertNil(TOMLPrecheck.problem(in: ok).map { "\($0)" })
        for name in ["default", "light", "high-contrast", "mono"] {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("themes/\(name).toml").path
            XCTAssertNil(TOMLPrecheck.problem(in: try String(contentsOfFile: path, encoding: .utf8)).map { "\($0)" }, name)
        }
    }
}
