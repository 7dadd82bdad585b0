import Dashboard
import DispatchCore
import EventStore
import GridwatchRuntime
import TerminalUI
import XCTest

/// The console's loop with a manual clock: sweeps, heartbeats, live updates, keys
/// that reach the store, and resizing, with no terminal and no sleeps.
final class ConsoleRuntimeTests: XCTestCase {
    func console(_ clock: ManualClock, _ store: any CaseStore, _ term: TestTerminal) -> ConsoleRuntime {
        ConsoleRuntime(store: store, terminal: term, clock: clock, lang: .en, themeName: "default", utcOffsetSeconds: 8 * 3600)
    }

    func testASweepAndAHeartbeatEveryTenSecondsOfClockTime() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, store) = try RuntimeFixture.store(clock)
        // A red alert reported 20 minutes ago: past its 10-minute acceptance limit by half again.
        try store.execute(RuntimeFixture.alert("讨薪聚集", level: .red, at: RuntimeFixture.t0.adding(.minutes(-20))))
        let c = console(clock, store, TestTerminal(width: 100, height: 30))
        clock.advance(.seconds(9))
        c.handle(.tick)
        XCTAssertNil(stream.lastHeartbeat, "no sweep before 10 s")
        XCTAssertEqual(store.model.case("GW000001")?.supervision, SupervisionLevel.none)
        clock.advance(.seconds(1))
        c.handle(.tick)
        XCTAssertEqual(stream.lastHeartbeat, RuntimeFixture.t0.adding(.seconds(10)))
        XCTAssertEqual(store.model.case("GW000001")?.supervision, .red, "the sweep recorded the card due")
        clock.advance(.seconds(9))
        c.handle(.tick)
        XCTAssertEqual(stream.lastHeartbeat, RuntimeFixture.t0.adding(.seconds(10)))
        clock.advance(.seconds(1))
        c.handle(.tick)
        XCTAssertEqual(stream.lastHeartbeat, RuntimeFixture.t0.adding(.seconds(20)), "and again 10 s later")
        let cards = try store.events(in: 1...store.lastSeq).filter { $0.type == .caseSupervised }
        XCTAssertEqual(cards.count, 1, "a card is recorded once")
    }

    func testAnotherWritersAlertShowsAndAKeyReachesTheStore() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, store) = try RuntimeFixture.store(clock)
        let term = TestTerminal(width: 100, height: 30)
        let c = console(clock, store, term)
        c.drawIfDirty()
        let other = try MemoryStore(stream: stream, actor: "hotline@centre", clock: clock)
        try other.execute(RuntimeFixture.alert("电梯停运"))
        XCTAssertTrue(store.takeChanges(), "the console's store was told")
        c.handle(.storeChanged)
        c.drawIfDirty()
        XCTAssertTrue(term.text.contains("电梯停运"), term.text)
        XCTAssertEqual(c.state.eventCount, stream.count)
        c.handle(.key(.char("a")))
        XCTAssertEqual(store.model.case("GW000001")?.state, .accepted)
        XCTAssertEqual(try store.events(in: store.lastSeq...store.lastSeq).first?.event.actor, "li.ming@centre")
        XCTAssertEqual(c.state.message, "GW000001 accepted")
    }

    func testABulkAcceptRecordsEachCaseAndNamesTheFirstRefusal() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, store) = try RuntimeFixture.store(clock)
        for t in ["一", "二", "三"] { try store.execute(RuntimeFixture.alert("告警\(t)")) }
        let term = TestTerminal(width: 120, height: 36)
        let c = console(clock, store, term)
        c.drawIfDirty()
        for _ in 0..<3 { c.handle(.key(.char(" "))) }
        XCTAssertEqual(c.state.marked.count, 3)
        // Meanwhile another console voids one of them: the bulk accept must not touch it.
        let other = try MemoryStore(stream: stream, actor: "wang.fang@centre", clock: clock)
        try other.execute(.act(.void(reason: "重复"), on: "GW000002", expectedVersion: nil))
        c.handle(.key(.char("a")))
        XCTAssertEqual(store.model.case("GW000001")?.state, .accepted)
        XCTAssertEqual(store.model.case("GW000003")?.state, .accepted)
        XCTAssertEqual(store.model.case("GW000002")?.state, .voided)
        XCTAssertTrue(c.state.messageIsError)
        XCTAssertTrue(c.state.message.hasPrefix("accepted 2 cases; 1 refused: "), c.state.message)
        XCTAssertTrue(c.state.message.contains("GW000002"), c.state.message)
        XCTAssertEqual(c.state.marked, ["GW000002"], "what was refused stays marked")
    }

    func testAStoreThatFailsShowsStaleAndKeepsTheModel() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (_, store) = try RuntimeFixture.store(clock)
        try store.execute(RuntimeFixture.alert("电梯停运"))
        let failing = FailingStore(store)
        let term = TestTerminal(width: 100, height: 30)
        let c = console(clock, failing, term)
        failing.broken = true
        c.handle(.storeChanged)
        c.drawIfDirty()
        XCTAssertEqual(c.state.feed, .stale("the store is unreachable"))
        XCTAssertTrue(term.text.contains("电梯停运"), "the last model stays on screen")
        failing.broken = false
        clock.advance(.seconds(1))
        c.handle(.tick)
        XCTAssertEqual(c.state.feed, .live)
    }

    func testAResizeRedrawsAtTheNewSize() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (_, store) = try RuntimeFixture.store(clock)
        let term = TestTerminal(width: 100, height: 30)
        let c = console(clock, store, term)
        c.drawIfDirty()
        XCTAssertEqual(term.frames, 1)
        c.drawIfDirty()
        XCTAssertEqual(term.frames, 1, "nothing changed, nothing drawn")
        term.resize(width: 80, height: 24)
        XCTAssertTrue(c.handle(.key(try XCTUnwrap(term.readKey(timeoutMs: 0)))))
        c.drawIfDirty()
        XCTAssertEqual(term.frames, 2)
        XCTAssertEqual([term.screen.width, term.screen.height], [80, 24])
        XCTAssertTrue(term.text.split(separator: "\n").last?.contains("Tab") ?? false, "the status line is at the new bottom row")
        XCTAssertFalse(c.handle(.key(.char("q"))))
    }

    /// The indicators overlay keeps its figures while open, and they equal a count.
    func testTheIndicatorsOverlayKeepsItsFiguresWhileOpen() throws {
        let clock = ManualClock(RuntimeFixture.t0)
        let (stream, store) = try RuntimeFixture.store(clock)
        try store.execute(RuntimeFixture.alert("昨日纠纷", at: RuntimeFixture.t0.adding(.hours(-30))))
        try store.execute(RuntimeFixture.alert("今日纠纷"))
        let term = TestTerminal(width: 100, height: 40)
        let c = console(clock, store, term)
        func check(_ why: String) throws {
            let kept = try XCTUnwrap(c.state.tallies, why)
            XCTAssertEqual(kept.seq, store.lastSeq, why)
            let scope = c.state.scope
            XCTAssertEqual(kept.today.indicators(unit: scope, model: store.model),
                           Indicators.compute(store.model, unit: scope, since: c.state.midnight, until: nil), why)
            XCTAssertEqual(kept.all.indicators(unit: scope, model: store.model),
                           Indicators.compute(store.model, unit: scope, since: nil, until: nil), why)
        }
        XCTAssertNil(c.state.tallies, "not built before the overlay opens")
        c.handle(.key(.char("i")))
        try check("built when the overlay opens")
        XCTAssertEqual(c.state.tallies?.all.indicators(unit: c.state.scope, model: store.model).reported, 2)
        XCTAssertEqual(c.state.tallies?.today.indicators(unit: c.state.scope, model: store.model).reported, 1)
        // Another writer's alert, then this console's own action on it.
        let other = try MemoryStore(stream: stream, actor: "hotline@centre", clock: clock)
        try other.execute(RuntimeFixture.alert("电梯停运"))
        c.handle(.storeChanged)
        try check("after another writer's alert")
        try store.execute(.act(.accept(note: ""), on: "GW000003", expectedVersion: nil))
        clock.advance(.seconds(1))
        c.handle(.tick)
        try check("after an event the runtime did not see applied")
        c.drawIfDirty()
        XCTAssertTrue(term.text.contains("3"), term.text)
        // Past local midnight, "today" starts again.
        clock.advance(.hours(24))
        c.handle(.tick)
        try check("after midnight")
        XCTAssertEqual(c.state.tallies?.today.indicators(unit: c.state.scope, model: store.model).reported, 0)
        c.handle(.key(.escape))
        XCTAssertNil(c.state.tallies, "dropped when the overlay closes")
    }

}

/// A store that can be made to fail its reads, as a lost disk or connection would.
final class FailingStore: CaseStore {
    let inner: any CaseStore
    var broken = false
    init(_ inner: any CaseStore) { self.inner = inner }
    var model: Model { inner.model }
    var lastSeq: UInt64 { inner.lastSeq }
    var headHash: String { inner.headHash }
    var location: String { inner.location }
    var actor: String { inner.actor }
    var access: AccessCheck?
    func refresh() throws(StoreError) -> [StoredEvent] {
        if broken { throw .unavailable("the store is unreachable") }
        return try inner.refresh()
    }
    func history(of caseNumber: String) -> [UInt64] { inner.history(of: caseNumber) }
    func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] { try inner.events(in: range) }
    var changeDescriptor: Int32 { inner.changeDescriptor }
    func takeChanges() -> Bool { inner.takeChanges() }
    var pollInterval: Int32 { inner.pollInterval }
    func lastHeartbeat() -> Instant? { inner.lastHeartbeat() }
    func close() { inner.close() }
    func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        try inner.execute(commands, rejected: rejected)
    }
    func heartbeat() { inner.heartbeat() }
    func maintain() { inner.maintain() }
    func close(snapshotAfter minimum: UInt64?) { inner.close(snapshotAfter: minimum) }
}
