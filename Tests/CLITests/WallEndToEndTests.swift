import Foundation
import TerminalUI
import XCTest

/// The wall display in a real terminal: read-only, live, stale banners, clean exits.
final class WallEndToEndTests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try XCTSkipUnless(Tmux.available, "tmux is not installed (.ci/run installs it)")
    }

    /// The wall as `nobody`, who may only read the store.
    func readOnlyWall(_ extra: String = "") throws -> Tmux {
        try XCTSkipUnless(getuid() == 0, "needs root to run the wall as another user")
        chmod(root, 0o755)
        chmod(store, 0o755)
        chmod(log, 0o644)
        return try Tmux("setpriv --reuid=65534 --regid=65534 --clear-groups \(Binary.url.path) wall --store \(store) --lang en \(extra)",
                        width: 100, height: 30)
    }

    /// The three-row digits the wall draws from 120x36 up, as a person would read them.
    static let digits: [[String]: Int] = [
        ["█▀█", "█ █", "▀▀▀"]: 0, ["▀█ ", " █ ", "▀▀▀"]: 1, ["▀▀█", "█▀▀", "▀▀▀"]: 2, ["▀▀█", " ▀█", "▀▀▀"]: 3,
        ["█ █", "▀▀█", "  ▀"]: 4, ["█▀▀", "▀▀█", "▀▀▀"]: 5, ["█▀▀", "█▀█", "▀▀▀"]: 6, ["▀▀█", "  █", "  ▀"]: 7,
        ["█▀█", "█▀█", "▀▀▀"]: 8, ["█▀█", "▀▀█", "▀▀▀"]: 9,
    ]

    /// Reads the number in the first counter box: rows 2-4 of the screen, between its sides.
    static func firstCounter(_ screen: String) -> Int? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 5 else { return nil }
        let rows = lines[2...4].map { line -> [Character] in
            let inside = line.split(separator: "│", omittingEmptySubsequences: false)
            return inside.count > 1 ? Array(inside[1]) : []
        }
        let width = rows.map(\.count).min() ?? 0
        var x = 0, value = 0, seen = false
        while x < width {
            if rows.allSatisfy({ $0[x] == " " }) { x += 1; continue }
            guard x + 3 <= width, let d = digits[rows.map { String($0[x..<(x + 3)]) }] else { return nil }
            value = value * 10 + d
            seen = true
            x += 3
        }
        return seen ? value : nil
    }

    /// With no scope the wall ranks every county of the city with a bar; the 24-hour
    /// reports chart grows when alerts arrive.
    func testEveryCountyHasABarAndTheTrendMovesWithNewAlerts() throws {
        XCTAssertEqual(try Binary.run(["init", "--store", store, "--sample", "dalian"]).status, 0)
        let counties = ["中山区", "西岗区", "沙河口区", "甘井子区", "旅顺口区", "金州区", "普兰店区", "长海县", "瓦房店市", "庄河市"]
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en", width: 120, height: 36)
        let ranked = wall.wait(for: 5) { screen in screen.contains("By risk") && counties.allSatisfy { screen.contains($0) } }
        XCTAssertTrue(ranked.ok, "every county listed\n\(ranked.screen)")
        let reportsRow = { (screen: String) -> String in
            let lines = screen.split(separator: "\n").map(String.init)
            guard let i = lines.firstIndex(where: { $0.contains("Reported") }), i + 1 < lines.count else { return "" }
            return lines[i + 1]
        }
        XCTAssertFalse(reportsRow(ranked.screen).contains("█"), "no reports yet")
        for i in 0..<3 { XCTAssertEqual(try raise("告警\(i)", unit: "210283102201").status, 0) }
        let moved = wall.wait(for: 3) { reportsRow($0).contains("█") && $0.contains("max 3/h") }
        XCTAssertTrue(moved.ok, "the chart shows this hour's three reports\n\(moved.screen)")
        let lines = moved.screen.split(separator: "\n")
        let top = lines.firstIndex { $0.contains("By risk") }.flatMap { $0 + 1 < lines.count ? lines[$0 + 1] : nil }
        XCTAssertTrue(top?.contains("庄河市") == true, "the county with cases ranks first: \(top ?? "")")
        XCTAssertTrue(top?.contains("▒") == true, "with a bar")
    }

    /// `gridwatch replay` plays a stretch at its speed: the screen starts as things
    /// stood at --from and shows a later alert when the replay clock reaches it; on the
    /// console every action is refused as a view of the past.
    func testReplayPlaysAStretchOntoTheWallAndTheConsole() throws {
        try initSmall()
        XCTAssertEqual(try raise("第一条告警").status, 0)
        usleep(2_000_000)
        XCTAssertEqual(try raise("第二条告警").status, 0)
        let reported = try events().filter { $0["type"] as? String == "caseReported" }.compactMap { $0["at"] as? String }
        XCTAssertEqual(reported.count, 2)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let first = try XCTUnwrap(iso.date(from: reported[0])), second = try XCTUnwrap(iso.date(from: reported[1]))
        // From half a second after the first to a second after the second, at 1x: the
        // second alert appears about 1.5 s in.
        let from = iso.string(from: first.addingTimeInterval(0.5)), to = iso.string(from: second.addingTimeInterval(1))
        let wall = try Tmux("\(Binary.url.path) replay --store \(store) --from \(from) --to \(to) --speed 1 --lang en", width: 120, height: 36)
        let start = wall.wait(for: 5) { $0.contains("第一条告警") && $0.contains("PAST ▶ ×1") }
        XCTAssertTrue(start.ok, start.screen)
        XCTAssertFalse(start.screen.contains("第二条告警"), "not yet: the replay clock has not reached it")
        let played = wall.wait(for: 5) { $0.contains("第二条告警") }
        XCTAssertTrue(played.ok, "the second alert plays when its time comes\n\(played.screen)")
        wall.send("q")
        // A stretch shorter than the start-up: its clock is at the end before the first
        // frame, and its event still plays.
        let brief = try Tmux("\(Binary.url.path) replay --store \(store) --from \(iso.string(from: second.addingTimeInterval(-0.05))) --to \(iso.string(from: second.addingTimeInterval(0.05))) --speed 1 --lang en", width: 120, height: 36)
        let briefShown = brief.wait(for: 5) { $0.contains("第二条告警") && $0.contains("■") }
        XCTAssertTrue(briefShown.ok, "a brief stretch plays and ends\n\(briefShown.screen)")
        brief.send("q")

        let console = try Tmux("\(Binary.url.path) replay --console --store \(store) --from \(from) --to \(to) --speed 1 --lang en", width: 120, height: 36)
        XCTAssertTrue(console.wait(for: 5) { $0.contains("第一条告警") }.ok, console.screen())
        console.send("a")
        let refused = console.wait(for: 3) { $0.contains("view of the past") }
        XCTAssertTrue(refused.ok, refused.screen)
        console.send("q")
        XCTAssertEqual(try events().filter { $0["type"] as? String == "caseAccepted" }.count, 0, "nothing was written")
    }

    func testBigCountersAt120x36ReadTheRightNumber() throws {
        try initSmall()
        for i in 0..<12 { XCTAssertEqual(try raise("告警\(i)").status, 0) }
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en", width: 120, height: 36)
        let shown = wall.wait(for: 5) { Self.firstCounter($0) == 12 && $0.contains("Open") }
        XCTAssertTrue(shown.ok, "12 open, in digits three rows high\n\(shown.screen)")
        XCTAssertEqual(try raise("第十三条").status, 0)
        let grew = wall.wait(for: 3) { Self.firstCounter($0) == 13 }
        XCTAssertTrue(grew.ok, grew.screen)
        wall.resize(width: 100, height: 30)
        let small = wall.wait(for: 3) { Self.firstCounter($0) == nil && $0.contains("─ Open ") }
        XCTAssertTrue(small.ok, "plain digits below 120x36\n\(small.screen)")
    }

    /// 复盘 on the wall: as of a moment between two alerts it counts the first only, says
    /// it is the past, and never calls a view of the past stale.
    func testTheWallAsOfAMomentInThePast() throws {
        try initSmall()
        XCTAssertEqual(try raise("告警甲").status, 0)
        usleep(1_100_000)
        let t = ISO8601DateFormatter().string(from: Date())
        usleep(1_100_000)
        XCTAssertEqual(try raise("告警乙").status, 0)
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en --stale-after 5 --as-of \(t)", width: 120, height: 36)
        let shown = wall.wait(for: 5) { Self.firstCounter($0) == 1 && $0.contains("⏪ PAST") }
        XCTAssertTrue(shown.ok, "one open case then\n\(shown.screen)")
        sleep(6)
        let later = wall.screen()
        XCTAssertTrue(later.contains("⏪ PAST") && !later.contains("STALE"), later)
    }

    func testReadOnlyWallIsLiveAndIgnoresEveryKey() throws {
        try initSmall()
        XCTAssertEqual(try raise("第一条").status, 0)
        let wall = try readOnlyWall()
        XCTAssertTrue(wall.wait(for: 5) { $0.contains("第一条") && $0.contains("Newest alerts") }.ok, wall.screen())
        XCTAssertEqual(try raise("墙上应当立即出现").status, 0)
        let start = Date()
        XCTAssertTrue(wall.wait(for: 1.5) { $0.contains("墙上应当立即出现") }.ok, wall.screen())
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, "a raised alert shows within a second")

        let before = try logData()
        for ch in "abcdefghijklmnoprstuvwxyz" { wall.send(String(ch), literal: true) }
        wall.send("Enter")
        wall.send("Tab")
        wall.send(":", literal: true)
        wall.send("/", literal: true)
        usleep(500_000)
        XCTAssertEqual(try logData(), before, "no key changes the log")
        XCTAssertTrue(wall.screen().contains("Newest alerts"), "still the wall")
        wall.send("q")
        XCTAssertTrue(wall.wait(for: 3) { _ in !((try? wall.run(["list-panes", "-F", "#{pane_current_command}"])) ?? "").contains("gridwatch") }.ok)
        XCTAssertEqual(try logData(), before)
    }

    func testStaleBannerAndRecovery() throws {
        try initSmall()
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en --stale-after 5", width: 100, height: 30)
        XCTAssertTrue(wall.wait(for: 5) { $0.contains("LIVE") }.ok, wall.screen())
        let stale = wall.wait(for: 9) { $0.contains("STALE: these are not current figures") }
        XCTAssertTrue(stale.ok, stale.screen)
        XCTAssertEqual(try raise("又有了").status, 0)
        XCTAssertTrue(wall.wait(for: 3) { $0.contains("LIVE") && !$0.contains("STALE") }.ok, "an event makes it live again")

        // The store disappears (moved away), then comes back.
        try FileManager.default.moveItem(atPath: log, toPath: log + ".away")
        XCTAssertEqual(try Binary.run(["raise", "--store", store, "--unit", "210203004001", "--category", "petition", "--level", "red", "--title", "x"]).status, 1)
        try FileManager.default.moveItem(atPath: log + ".away", toPath: log)
        XCTAssertEqual(try raise("回来了").status, 0)
        XCTAssertTrue(wall.wait(for: 8) { $0.contains("回来了") && $0.contains("LIVE") }.ok, wall.screen())
    }

    func testHangupEndsTheWall() throws {
        try initSmall()
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en", width: 100, height: 30)
        XCTAssertTrue(wall.wait(for: 5) { $0.contains("Newest alerts") }.ok)
        try Binary.shell("pkill -HUP -f '^\(Binary.url.path) wall --store \(store)'")
        usleep(500_000)
        let left = try Binary.shell("pgrep -f '^\(Binary.url.path) wall --store \(store)' || true")
        XCTAssertEqual(left.out.trimmingCharacters(in: .whitespacesAndNewlines), "", "no wall process remains")
    }

    func testRotationMovesThroughTheCounties() throws {
        let csv = "code,name,tier,parent\n210200,大连市,city,\n210203,西岗区,county,210200\n210283,庄河市,county,210200\n"
        try csv.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try Binary.run(["init", "--store", store, "--units", root + "/units.csv"]).status, 0)
        let wall = try Tmux("\(Binary.url.path) wall --store \(store) --lang en --rotate 5", width: 100, height: 30)
        let header = { (s: String) in String(s.split(separator: "\n").first ?? "") }
        let first = wall.wait(for: 5) { header($0).contains("西岗区") || header($0).contains("庄河市") }
        XCTAssertTrue(first.ok, first.screen)
        let was = header(first.screen).contains("西岗区") ? "西岗区" : "庄河市"
        let next = wall.wait(for: 7) { !header($0).contains(was) && (header($0).contains("西岗区") || header($0).contains("庄河市")) }
        XCTAssertTrue(next.ok, "the scope moves to the other county within one rotation\n\(next.screen)")
    }

    func testWallSnapshotWithoutATerminal() throws {
        try initSmall()
        XCTAssertEqual(try raise("快照").status, 0)
        let r = try Binary.run(["wall", "--store", store, "--lang", "en"], env: ["COLUMNS": "100", "LINES": "30"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Newest alerts") && r.out.contains("快照"), r.out)
        XCTAssertFalse(r.out.contains("\u{1B}"))
    }

    /// A wall started with no controlling terminal (as a kiosk's start-up script or
    /// `su -c` starts it) draws on the terminal of its standard input and output.
    func testAWallWithoutAControllingTerminalUsesItsStandardOutput() throws {
        try initSmall()
        XCTAssertEqual(try raise("没有控制终端").status, 0)
        // setsid: a new session with no controlling terminal; stdin and stdout stay the pane's.
        let wall = try Tmux("setsid -w \(Binary.url.path) wall --store \(store) --lang en", width: 100, height: 30)
        let shown = wall.wait(for: 10) { $0.contains("没有控制终端") && $0.contains("Newest alerts") }
        XCTAssertTrue(shown.ok, shown.screen)
        XCTAssertFalse(shown.screen.contains("cannot open /dev/tty"), shown.screen)
        wall.send("q")
        XCTAssertTrue(wall.wait(for: 3) { _ in !((try? wall.run(["list-panes", "-F", "#{pane_current_command}"])) ?? "").contains("gridwatch") }.ok)
    }
}
