import Dashboard
import DispatchCore
import EventStore
import Foundation
import TerminalUI

/// The wall: waits on the terminal and the store together, redraws when something
/// changed and once a second for the clock. Holds only a read-only feed: it has no
/// way to write to the store. Every change of what it shows goes through `WallUpdate`.
public final class WallRuntime {
    /// What the wall reacts to.
    public enum Input {
        case key(Key)
        case storeChanged
        case tick
    }

    private var feed: any CaseFeed
    private let reopen: () throws(StoreError) -> any CaseFeed
    public private(set) var state: WallState
    private let terminal: any Terminal
    private let clock: DispatchClock
    private var lastRefresh: Instant
    private var lastSecond: Int64
    private var dirty = true
    /// Called after each frame with the last sequence number shown (the wall benchmark).
    public var onFrame: ((UInt64) -> Void)?

    /// A wall on `feed`; `reopen` opens the store again after it could not be read.
    public init(feed: any CaseFeed, reopen: @escaping () throws(StoreError) -> any CaseFeed, terminal: any Terminal,
                clock: DispatchClock, lang: Lang, unit: String?, rotateSeconds: Int?, staleAfter: Duration,
                utcOffsetSeconds: Int = TimeZone.current.secondsFromGMT()) {
        self.feed = feed
        self.reopen = reopen
        self.terminal = terminal
        // A view of the past runs on its own clock: the header and the ages are its time.
        self.clock = (feed as? PastView)?.pastClock ?? clock
        let m = feed.model, now = self.clock.now()
        let root = unit ?? m.roots.first.map { m.units[Int($0)].code } ?? ""
        state = WallState(scope: root, lang: lang, now: now, utcOffsetSeconds: utcOffsetSeconds)
        state.staleAfter = staleAfter
        state.eventCount = feed.lastSeq
        state.heartbeat = feed.lastHeartbeat()
        if let past = feed as? PastView { state.past = past.moment }
        if let seconds = rotateSeconds {
            let counties = m.unitIndex(of: root).map { m.children[$0].map { m.units[Int($0)].code } } ?? []
            state.rotation = WallRotation(seconds: seconds, units: counties)
        }
        lastRefresh = now
        lastSecond = now.ms / 1000
        WallUpdate.update(&state, .tick(now))
        // A view of the past charts the day before its moment.
        state.startFollowing(m, now: now)
    }

    /// The feed on screen (a new one after the store was reopened).
    public var current: any CaseFeed { feed }

    /// Handles one input. Returns false when the wall should quit (`q`).
    @discardableResult
    public func handle(_ input: Input) -> Bool {
        switch input {
        case .key(.char("q")), .key(.char("Q")): return false
        case .key(.resize):
            terminal.invalidate()
            dirty = true
        case .key: break  // a wall has no other keys
        case .storeChanged: refresh()
        case .tick: tick()
        }
        return true
    }

    /// Draws a frame if anything changed since the last.
    public func drawIfDirty() {
        guard dirty else { return }
        let (w, h) = terminal.size
        terminal.draw(WallView.render(state, model: feed.model, width: w, height: h))
        dirty = false
        onFrame?(feed.lastSeq)
    }

    /// The frame for a plain-text snapshot (no terminal).
    public func snapshot(width: Int, height: Int) -> Buffer {
        WallView.render(state, model: feed.model, width: width, height: height)
    }

    private func tick() {
        let now = clock.now()
        // A view of the past is read every tick: its clock may stop (a replay at its end),
        // and a gap measured on it would then never reach the poll interval.
        if feed is PastView || now.ms - lastRefresh.ms >= Int64(feed.pollInterval) { refresh() }
        let before = state.feed
        // On a frozen moment's clock no hour passes; on a replay's they pass at its speed.
        state.trends?.advance(to: now, model: feed.model)
        // A replay's banner changes when it ends, after its clock has stopped.
        if let p = feed as? PastView, p.moment != state.past { state.past = p.moment; dirty = true }
        WallUpdate.update(&state, .tick(now))
        state.keepToday(model: feed.model)
        if now.ms / 1000 != lastSecond || state.feed != before {
            lastSecond = now.ms / 1000
            dirty = true
        }
    }

    private func refresh() {
        lastRefresh = clock.now()
        if state.broken != nil {
            // The store could not be read: try it afresh (moved back, remounted, recovered).
            guard let fresh = try? reopen() else { return }
            feed = fresh
            state.startFollowing(fresh.model, now: clock.now())
            WallUpdate.update(&state, .reopened(lastSeq: fresh.lastSeq))
            dirty = true
        }
        do {
            let new = try feed.refresh()
            state.follow(new.map(\.event), model: feed.model)
            WallUpdate.update(&state, .refreshed(newEvents: new.count, lastSeq: feed.lastSeq, heartbeat: feed.lastHeartbeat()))
            if !new.isEmpty { dirty = true }
        } catch {
            WallUpdate.update(&state, .storeFailed(error.description))
            dirty = true
        }
    }

    /// The shortest time between two frames: a burst of appends is drawn at most ten
    /// times a second, since the frame costs the same for one event or fifty.
    static let minFrame = Swift.Duration.milliseconds(100)

    /// The real loop: sleeps in `poll` on the terminal and the store until the next
    /// second, handles what arrived, and draws. Returns when `q` is pressed.
    public func run() {
        var lastDraw = ContinuousClock.now - .seconds(1)
        while true {
            let toSecond = Int32(1000 - Int(clock.now().ms % 1000))
            Waiting.poll([terminal.inputDescriptor, feed.changeDescriptor], timeoutMs: dirty ? min(toSecond, 100) : toSecond)
            while let key = terminal.readKey(timeoutMs: 0) {
                if !handle(.key(key)) { return }
            }
            if feed.takeChanges() { handle(.storeChanged) }
            handle(.tick)
            if dirty, ContinuousClock.now - lastDraw >= Self.minFrame {
                drawIfDirty()
                lastDraw = .now
            }
        }
    }
}
