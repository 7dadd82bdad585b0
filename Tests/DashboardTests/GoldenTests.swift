import Dashboard
import DispatchCore
import Foundation
import TerminalUI
import XCTest

/// Buffer snapshots of the console compared with reviewed text files in Golden/.
/// Set GRIDWATCH_RECORD=1 to re-record them, then review the diff.
final class GoldenTests: XCTestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ name: String, _ s: ConsoleState, _ m: Model, width: Int, height: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        var s = s
        ConsoleUpdate.sync(&s, model: m, visibleRows: ConsoleView.paneRows(width: width, height: height))
        try checkBuffer(name, ConsoleView.render(s, model: m, width: width, height: height), width: width, file: file, line: line)
    }

    func checkBuffer(_ name: String, _ buffer: Buffer, width: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let lines = buffer.lines(trimTrailing: true)
        for l in buffer.lines() { XCTAssertEqual(DisplayWidth.of(l), width, "every row is exactly the terminal width", file: file, line: line) }
        let text = lines.joined(separator: "\n") + "\n"
        let url = Self.dir.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["GRIDWATCH_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        if golden != text {
            let g = golden.split(separator: "\n", omittingEmptySubsequences: false), t = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(g, t).enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail("\(name) differs from its golden file at line \((first?.offset ?? 0) + 1):\n  golden: \(first?.element.0 ?? "")\n  actual: \(first?.element.1 ?? "")", file: file, line: line)
        }
    }

    func testConsoleAt80x24() throws {
        let m = Fixture.model()
        try check("console-80x24-zh", Fixture.state(m), m, width: 80, height: 24)
    }

    /// At 100x30 and 200x60 every county's name is whole and the focused pane's titles
    /// are readable (the focused pane is the wider one below 150 columns).
    func testConsoleAt100x30And200x60() throws {
        let m = Fixture.model()
        for (w, h) in [(100, 30), (200, 60)] {
            var s = Fixture.state(m)
            ConsoleUpdate.sync(&s, model: m, visibleRows: ConsoleView.paneRows(width: w, height: h))
            let text = ConsoleView.render(s, model: m, width: w, height: h).lines().joined(separator: "\n")
            for name in ["大连市", "西岗区", "庄河市", "物业费纠纷，业主聚集", "楼上噪音扰民"] {
                XCTAssertTrue(text.contains(name), "\(name) whole at \(w)x\(h)")
            }
            try check("console-\(w)x\(h)-zh", Fixture.state(m), m, width: w, height: h)
        }
    }

    func testConsoleAt160x48() throws {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.tab, .tab, .tab, .right, .down], &s, m)  // grid: into the counties, down to 庄河市
        try check("console-160x48-en", s, m, width: 160, height: 48)
    }

    func testDispatchPickerAt80x24() throws {
        let m = Fixture.model()
        var s = Fixture.state(m)
        _ = Fixture.press([.char("a"), .char("d")] + Fixture.type("hous"), &s, m)
        try check("dispatch-picker-80x24-zh", s, m, width: 80, height: 24)
    }

    func testCaseDetailShowsBothDeadlinesAt100x30() throws {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        s.overlay = .detail(number: "GW000001", timeline: [])
        try check("detail-100x30-en", s, m, width: 100, height: 30)
        let text = try String(contentsOf: Self.dir.appendingPathComponent("detail-100x30-en.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains("Accept by 01-15 14:10 (overdue 1h)"), "a red case two hours old is late for acceptance")
    }

    func testIndicatorsOverlayAt100x30() throws {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.char("i")], &s, m)
        try check("indicators-100x30-en", s, m, width: 100, height: 30)
        var zh = Fixture.state(m, lang: .zh)
        _ = Fixture.press([.char("i")], &zh, m)
        try check("indicators-100x30-zh", zh, m, width: 100, height: 30)
        let text = try String(contentsOf: Self.dir.appendingPathComponent("indicators-100x30-zh.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains("按时受理率"), "Chinese names in Chinese mode")
        XCTAssertFalse(text.contains("_rate") || text.contains("overdue_open"), "no JSON names on screen")
        // With the trends kept, the overlay charts the last 24 hours under the figures.
        s.trends = Trends(model: m, now: Fixture.now)
        try check("indicators-trends-100x40-en", s, m, width: 100, height: 40)
        let charted = try String(contentsOf: Self.dir.appendingPathComponent("indicators-trends-100x40-en.txt"), encoding: .utf8)
        XCTAssertTrue(charted.contains("Last 24 hours") && charted.contains("max 3/h") && charted.contains("█"), charted)
    }

    func testWallAt100x30() throws {
        let m = Fixture.model()
        var w = WallState(scope: "210200", lang: .zh, now: Fixture.now, utcOffsetSeconds: 8 * 3600)
        w.eventCount = UInt64(m.eventCount)
        w.trends = Trends(model: m, now: Fixture.now)
        try checkBuffer("wall-100x30-zh", WallView.render(w, model: m, width: 100, height: 30), width: 100)
        w.feed = .stale("nothing heard for 300 s")
        w.lang = .en
        try checkBuffer("wall-stale-80x24-en", WallView.render(w, model: m, width: 80, height: 24), width: 80)
    }

    /// Big counters: three rows from 120x36, five from 200x60; the counties ranked by
    /// risk with their bars and the 24-hour trends. The text is the same in every theme;
    /// each theme's colours (at 256 colours, mono at none) are a golden of their own.
    func testWallWithBigCountersInEveryTheme() throws {
        let m = Fixture.model()
        var w = WallState(scope: "210200", lang: .zh, now: Fixture.now, utcOffsetSeconds: 8 * 3600)
        w.trends = Trends(model: m, now: Fixture.now)
        for (width, height) in [(120, 36), (200, 60)] {
            let b = WallView.render(w, model: m, width: width, height: height)
            try checkBuffer("wall-\(width)x\(height)-zh", b, width: width)
            for name in ThemeCatalog.names {
                let theme = try ThemeCatalog.load(name)
                try checkText("wall-\(width)x\(height)-colours-\(name)", Self.colours(b, theme: theme, depth: theme.isMonochrome ? .mono : .palette256))
            }
        }
    }

    /// Runs of cells drawn alike, resolved through `theme`: `row 3: 0-29 fg=… bg=… bold`.
    static func colours(_ b: Buffer, theme: Theme, depth: ColorDepth) -> String {
        var out = "theme \(theme.name), \(depth)\n"
        for y in 0..<b.height {
            var runs: [String] = []
            var start = 0
            var current = theme.resolve(b[0, y].style, depth: depth)
            for x in 1...b.width {
                let next = x < b.width ? theme.resolve(b[x, y].style, depth: depth) : nil
                if next != current {
                    runs.append("\(start)-\(x - 1) fg=\(current.fg) bg=\(current.bg)\(current.attributes.isEmpty ? "" : " \(current.attributes)")")
                    start = x
                    if let next { current = next }
                }
            }
            out += "row \(y): " + runs.joined(separator: " | ") + "\n"
        }
        return out
    }

    func checkText(_ name: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.dir.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["GRIDWATCH_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(golden, text, "\(name) differs from its golden file", file: file, line: line)
    }

    func testTheHelpExplainsTheMarks() {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.char("?")], &s, m)
        let text = ConsoleView.render(s, model: m, width: 100, height: 30).lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("risk  ● red  ◆ orange  ▲ yellow  ■ blue"), text)
        XCTAssertTrue(text.contains("marks  * not accepted  ! overdue  ⚠ early warning"), text)
    }

    func testHelpIsGeneratedFromTheKeyMap() throws {
        let m = Fixture.model()
        var s = Fixture.state(m, lang: .en)
        _ = Fixture.press([.char("?")], &s, m)
        let text = ConsoleView.render(s, model: m, width: 100, height: 30).lines().joined(separator: "\n")
        for binding in KeyMap.console { XCTAssertTrue(text.contains(binding.en), binding.en) }
    }

    func testHostileTitlesRenderInert() {
        var m = Fixture.model()
        let hostile = "\u{1B}]0;X\u{07}\u{1B}[2J\u{1B}[31m\u{202E}abc"
        Fixture.run(&m, .report(NewCase(category: .petition, level: .red, location: "210203004001", title: hostile)), at: Fixture.now)
        let s = Fixture.state(m)
        let buffer = ConsoleView.render(s, model: m, width: 160, height: 48)
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("\\e]0;X\\x07\\e[2J"), text)
        for scalar in text.unicodeScalars where scalar != "\n" {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x202E, "U+\(String(scalar.value, radix: 16))")
        }
    }
}
