import Dashboard
import DispatchCore
import EventStore
import GridwatchRuntime
import TerminalUI
import XCTest

/// The wall's loop with a manual clock: staleness, rotation and resizing, no sleeps.
final class WallRuntimeTests: XCTestCase {
    func wall(_ clock: ManualClock, _ stream: MemoryStream, rotate: Int? = nil, staleAfter: Int64 = 30,
              terminal: TestTerminal) throws -> WallRuntime {
        let feed = ReadOnlyFeed(try MemoryStore(stream: stream, actor: "wall", clock: clock))
        return WallRuntime(feed: feed, reopen: { () throws(StoreError) in feed }, terminal: terminal, clock: clock, lang: .en,
                           unit: nil, rotateSeconds: rotate, staleAfter: .seconds(staleAfter), utcOffsetSeconds: 8 * 3600)
    }

    func testTheStaleBannerComesAfterTheSilenceAndGoesWhenAnEventArrives() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, writer) = try RuntimeFixture.store(clock)
        let term = TestTerminal(width: 120, height: 36)
        let w = try wall(clock, stream, terminal: term)
        w.handle(.tick)
        w.drawIfDirty()
        XCTAssertFalse(term.text.contains("STALE"), term.text)
        clock.advance(.seconds(30))
        w.handle(.tick)
        w.drawIfDirty()
        XCTAssertEqual(w.state.feed, .live, "30 s of silence is not yet more than 30 s")
        clock.advance(.seconds(1))
        w.handle(.tick)
        w.drawIfDirty()
        XCTAssertEqual(w.state.feed, .stale("nothing heard for 31 s"))
        XCTAssertTrue(term.text.contains("STALE: these are not current figures: nothing heard for 31 s"), term.text)
        try writer.execute(RuntimeFixture.alert("楼道堆物"))
        w.handle(.storeChanged)
        w.drawIfDirty()
        XCTAssertEqual(w.state.feed, .live)
        XCTAssertFalse(term.text.contains("STALE"), "the banner goes with the first event")
        XCTAssertTrue(term.text.contains("楼道堆物"), term.text)
    }

    /// The "today" strip follows events through its kept tally, and starts again from
    /// nothing at local midnight (t0 is 16:00 at UTC+8).
    func testTodaysStripFollowsEventsAndTurnsOverAtMidnight() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, writer) = try RuntimeFixture.store(clock)
        try writer.execute(RuntimeFixture.alert("楼道堆物"))
        try writer.execute(RuntimeFixture.alert("噪音扰民"))
        let term = TestTerminal(width: 120, height: 36)
        let w = try wall(clock, stream, staleAfter: 86_400, terminal: term)
        w.drawIfDirty()
        XCTAssertTrue(term.text.contains("Today  reported 2  accepted 0  resolved 0"), term.text)
        try writer.execute(.act(.accept(note: ""), on: "GW000001", expectedVersion: nil))
        try writer.execute(RuntimeFixture.alert("占道经营"))
        w.handle(.storeChanged)
        w.drawIfDirty()
        XCTAssertTrue(term.text.contains("Today  reported 3  accepted 1  resolved 0"), term.text)
        let midnight = Instant(ms: RuntimeFixture.t0.ms + 8 * 3_600_000)
        XCTAssertEqual(w.state.today?.since, Instant(ms: midnight.ms - 86_400_000))
        clock.advance(.hours(9))
        w.handle(.tick)
        w.drawIfDirty()
        XCTAssertEqual(w.state.today?.since, midnight, "a new day, a new tally")
        XCTAssertTrue(term.text.contains("Today  reported 0  accepted 0"), term.text)
        try writer.execute(.act(.accept(note: ""), on: "GW000002", expectedVersion: nil))
        try writer.execute(RuntimeFixture.alert("高空抛物"))
        w.handle(.storeChanged)
        w.drawIfDirty()
        XCTAssertTrue(term.text.contains("Today  reported 1  accepted 0"), "yesterday's case accepted today counts in yesterday's figures\n" + term.text)
    }

    func testAConsoleHeartbeatKeepsAQuietWallLive() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, writer) = try RuntimeFixture.store(clock)
        let w = try wall(clock, stream, terminal: TestTerminal(width: 120, height: 36))
        clock.advance(.seconds(25))
        writer.heartbeat()
        clock.advance(.seconds(20))
        w.handle(.tick)  // 45 s without an event, 20 s since the heartbeat
        XCTAssertEqual(w.state.feed, .live)
        clock.advance(.seconds(11))
        w.handle(.tick)
        XCTAssertEqual(w.state.feed, .stale("nothing heard for 31 s"))
    }

    func testRotationMovesThroughTheCountiesOnTheClock() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, _) = try RuntimeFixture.store(clock)
        let term = TestTerminal(width: 120, height: 36)
        let w = try wall(clock, stream, rotate: 10, terminal: term)
        var seen: [String] = []
        for _ in 0..<4 {
            w.handle(.tick)
            w.drawIfDirty()
            seen.append(w.state.scope)
            XCTAssertTrue(term.text.contains(w.state.scope == "210203" ? "西岗区" : "庄河市"), term.text)
            clock.advance(.seconds(10))
        }
        XCTAssertEqual(seen, ["210203", "210283", "210203", "210283"])
    }

    func testAResizeRedrawsAtTheNewSizeAndQuitIsTheOnlyKey() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, _) = try RuntimeFixture.store(clock)
        let term = TestTerminal(width: 120, height: 36)
        let w = try wall(clock, stream, terminal: term)
        w.drawIfDirty()
        XCTAssertEqual(term.screen.width, 120)
        term.resize(width: 80, height: 24)
        XCTAssertTrue(w.handle(.key(try XCTUnwrap(term.readKey(timeoutMs: 0)))))
        w.drawIfDirty()
        XCTAssertEqual(term.invalidations, 1)
        XCTAssertEqual([term.screen.width, term.screen.height], [80, 24])
        for k: Key in [.char("a"), .enter, .tab, .char(":")] { XCTAssertTrue(w.handle(.key(k)), "\(k) does nothing") }
        XCTAssertEqual(stream.count, UInt64(RuntimeFixture.units.count), "and writes nothing")
        XCTAssertFalse(w.handle(.key(.char("q"))))
    }
}
