import Dashboard
import DispatchCore
import EventStore
import Foundation
import TerminalUI

/// The console: keys, store changes and the clock in, frames out. The only place the
/// console's effects meet the store and the terminal; every change of what is shown
/// goes through `ConsoleUpdate`.
///
/// Driven by `handle(_:)`, one input at a time, and `drawIfDirty()`; `run()` is the
/// real loop that waits on the terminal and the store and feeds them in. Tests drive
/// it with a `TestTerminal`, a `MemoryStore` and a `ManualClock`, without sleeping.
public final class ConsoleRuntime {
    /// What the console reacts to.
    public enum Input {
        /// A key (or a resize).
        case key(Key)
        /// The store may have changed.
        case storeChanged
        /// Time may have passed: do what is due at the clock's time.
        case tick
    }

    public let store: any CaseStore
    public private(set) var state: ConsoleState
    private let terminal: any Terminal
    private let clock: DispatchClock
    /// Called once a second with nothing (the demo moves its simulator along).
    public var onSecond: (() -> Void)?
    /// Called after each frame with the last sequence number shown (the benchmark's
    /// append-to-screen delay).
    public var onFrame: ((UInt64) -> Void)?
    /// How often the console sweeps (cards and warnings due) and says it is alive.
    public var sweepEvery = Duration.seconds(10)
    private var lastRefresh: Instant
    private var lastSweep: Instant
    private var lastSecond: Int64
    private var dirty = true

    /// A console on `store`, drawing on `terminal`, with time from `clock`.
    /// `bindings`: the key map, after the config file's `[keys]`; `mouse`: whether to
    /// ask the terminal for clicks and the wheel.
    public init(store: any CaseStore, terminal: any Terminal, clock: DispatchClock, lang: Lang, themeName: String,
                utcOffsetSeconds: Int = TimeZone.current.secondsFromGMT(), bindings: [Binding] = KeyMap.console, mouse: Bool = false) {
        self.store = store
        self.terminal = terminal
        // A view of the past runs on its own clock: the header and the ages are its time.
        self.clock = (store as? PastView)?.pastClock ?? clock
        let now = self.clock.now()
        state = ConsoleState(model: store.model, lang: lang, themeName: themeName, operatorName: ActorName.parse(store.actor).name,
                             now: now, utcOffsetSeconds: utcOffsetSeconds)
        if let access = store.access { state.restrict(to: access, model: store.model) }
        if let past = store as? PastView { state.past = past.moment }
        state.eventCount = store.lastSeq
        state.bindings = bindings
        state.mouse = mouse
        if mouse { terminal.enableMouse() }
        lastRefresh = now
        lastSweep = now
        lastSecond = now.ms / 1000
    }

    /// Handles one input. Returns false when the console should quit.
    @discardableResult
    public func handle(_ input: Input) -> Bool {
        switch input {
        case .key(.resize):
            terminal.invalidate()
            dirty = true
        case .key(let key):
            dirty = true
            // Alerts may have arrived since the last frame: put each cursor back on the
            // case it showed, so a key acts on the case the officer saw selected.
            let (w, h) = terminal.size
            ConsoleUpdate.sync(&state, model: store.model, visibleRows: ConsoleView.paneRows(width: w, height: h))
            if dispatch(.key(key)) { return false }
            // The 24-hour trends read every case once: built when the indicators are
            // first opened rather than at start, where they cost a fifth of a 1M store's
            // first frame. Kept up to date from then on.
            if case .indicators = state.overlay, state.trends == nil { state.trends = Trends(model: store.model, now: clock.now()) }
            keepTallies()
        case .storeChanged:
            refresh()
        case .tick:
            tick()
        }
        return true
    }

    /// Draws a frame if anything changed since the last.
    public func drawIfDirty() {
        guard dirty else { return }
        let (w, h) = terminal.size
        // Clicks are measured against the frame on screen.
        state.screen = (w, h)
        let rows = ConsoleView.paneRows(width: w, height: h)
        ConsoleUpdate.sync(&state, model: store.model, visibleRows: rows)
        ConsoleUpdate.noteShown(&state, model: store.model, visibleRows: rows)
        terminal.draw(ConsoleView.render(state, model: store.model, width: w, height: h))
        dirty = false
        onFrame?(store.lastSeq)
    }

    /// The frame for a plain-text snapshot (no terminal).
    public func snapshot(width: Int, height: Int) -> Buffer {
        ConsoleUpdate.sync(&state, model: store.model, visibleRows: ConsoleView.paneRows(width: width, height: height))
        return ConsoleView.render(state, model: store.model, width: width, height: height)
    }

    private func tick() {
        let now = clock.now()
        _ = ConsoleUpdate.update(&state, .tick(now), model: store.model)
        state.trends?.advance(to: now, model: store.model)
        if let p = store as? PastView, p.moment != state.past { state.past = p.moment; dirty = true }
        if now.ms / 1000 != lastSecond {
            lastSecond = now.ms / 1000
            dirty = true  // the clock and the ages of rows
            onSecond?()
        }
        // Consoles apply supervision cards as time passes; every sweep is decided under
        // the writer lock, so several consoles record each card once.
        if now.ms - lastSweep.ms >= sweepEvery.ms, state.past == nil {
            lastSweep = now
            _ = try? Sweeper.run(store)
            store.heartbeat()
            dirty = true
        }
        store.maintain()
        // A view of the past is read every tick: its clock may stop (a replay at its end).
        if store is PastView || now.ms - lastRefresh.ms >= Int64(store.pollInterval) { refresh() }
        // Last, after the sweep's cards: the overlay then counts them in the same frame.
        keepTallies()
    }

    /// Reads what other writers appended.
    private func refresh() {
        lastRefresh = clock.now()
        do {
            let new = try store.refresh()
            if !new.isEmpty { follow(new) }
            _ = ConsoleUpdate.update(&state, .refreshed(eventCount: store.lastSeq), model: store.model)
            if !new.isEmpty { dirty = true }
            // An open case detail follows what other consoles do to its case.
            if case .detail(let n, _) = state.overlay, new.contains(where: { $0.event.body.caseNumber == n }) {
                _ = ConsoleUpdate.update(&state, timeline(n), model: store.model)
            }
        } catch {
            _ = ConsoleUpdate.update(&state, .storeFailed(error.description), model: store.model)
            dirty = true
        }
    }

    /// Runs `update` and its effects. Returns true to quit.
    private func dispatch(_ msg: Message) -> Bool {
        var pending = [msg]
        while !pending.isEmpty {
            let m = pending.removeFirst()
            for effect in ConsoleUpdate.update(&state, m, model: store.model) {
                switch effect {
                case .quit: return true
                case .execute(let command, let summary): pending.append(execute(command, summary: summary))
                case .executeAll(let commands, let done, let skipped): pending.append(executeAll(commands, done: done, skipped: skipped))
                case .copy(let text): terminal.copyToClipboard(text)
                case .loadTimeline(let n): pending.append(timeline(n))
                case .setTheme(let name): pending.append(setTheme(name))
                }
            }
        }
        return false
    }

    /// Records one command and keeps the trends up to date with what it recorded.
    private func record(_ command: Command) throws(StoreError) {
        follow(try store.execute(command))
    }

    /// Keeps the trends and the overlay's tallies up to date with events the model has applied.
    private func follow(_ events: [StoredEvent]) {
        guard let first = events.first else { return }
        let bodies = events.map(\.event)
        state.trends?.apply(bodies, model: store.model)
        state.tallies?.follow(bodies, first: first.seq, last: store.lastSeq, model: store.model)
    }

    /// The overlay's tallies exist while it is open, and are today's: built when it
    /// opens (one pass, what a frame cost before), dropped when it closes, since the
    /// all-time one holds an entry for every case.
    private func keepTallies() {
        guard case .indicators = state.overlay else { state.tallies = nil; return }
        // Also when the model moved without them (a view of the past stepping back).
        if state.tallies?.today.since != state.midnight || state.tallies?.seq != store.lastSeq {
            state.tallies = OverlayTallies(model: store.model, midnight: state.midnight, seq: store.lastSeq)
        }
    }

    private func execute(_ command: Command, summary: String) -> Message {
        do {
            try record(command)
            _ = ConsoleUpdate.update(&state, .refreshed(eventCount: store.lastSeq), model: store.model)
            return .executed(summary: summary)
        } catch .domain(let e) {
            if case .conflict = e {
                refresh()
                return conflict(command) ?? .failed(DomainText.describe(e, state.lang), conflict: true)
            }
            return .failed(DomainText.describe(e, state.lang), conflict: false)
        } catch {
            return .failed(error.description, conflict: false)
        }
    }

    /// Several commands, each recorded on its own (one refused leaves the rest done):
    /// the status line counts what was done and names the first refusal.
    private func executeAll(_ commands: [Command], done word: String, skipped: Int) -> Message {
        var done = 0, refusals: [String] = []
        for command in commands {
            do throws(StoreError) {
                try record(command)
                done += 1
            } catch {
                if case .domain(let e) = error { refusals.append(DomainText.describe(e, state.lang)) } else { refusals.append(error.description) }
                // What was refused stays marked, to be looked at or tried again.
                if case .act(_, let number, _) = command { state.marked.insert(number) }
            }
        }
        _ = ConsoleUpdate.update(&state, .refreshed(eventCount: store.lastSeq), model: store.model)
        return BulkActions.outcome(word, done: done, skipped: skipped, refusals: refusals, lang: state.lang)
    }

    /// What changed the case under `command` since the version the officer saw, read
    /// after the refresh: the same action if someone already did it, else the latest
    /// action, else the latest event.
    private func conflict(_ command: Command) -> Message? {
        guard case .act(let action, let number, let expected) = command else { return nil }
        let since = caseEvents(number, last: 20).filter { Int($0.caseVersion) > (expected ?? 0) }
        guard let pick = since.last(where: { $0.event.body.actionKind == action.kind })
            ?? since.last(where: { $0.event.body.actionKind != nil }) ?? since.last else { return nil }
        return .conflict(CaseConflict(number: number, attempted: action.kind, changed: pick.event.body.actionKind,
                                      actor: pick.event.actor, at: pick.event.at))
    }

    private func timeline(_ number: String) -> Message {
        .timeline(number: number, entries: caseEvents(number).map { TimelineEntry(seq: $0.seq, event: $0.event) })
    }

    /// A case's events (the last `last` of them), read back one by one by sequence: a
    /// case's events are scattered through the log, so a range would read everything between.
    private func caseEvents(_ number: String, last: Int = .max) -> [StoredEvent] {
        store.history(of: number).suffix(last).compactMap { seq in (try? store.events(in: seq...seq))?.first }
    }

    private func setTheme(_ name: String) -> Message {
        do {
            let t = try ThemeCatalog.load(name)
            terminal.theme = t
            return .themeChanged(name: name)
        } catch .unknownTheme(let name, let builtIn) where state.lang == .zh {
            return .themeFailed("没有名为 '\(name.prefix(30))' 的主题（内置：\(builtIn.joined(separator: ", "))；或 .toml 文件的路径）")
        } catch {
            return .themeFailed(error.description)
        }
    }

    /// The real loop: waits on the terminal and the store, handles what arrives, and
    /// draws at most 30 frames a second. Returns when the officer quits.
    public func run() {
        var lastDraw = ContinuousClock.now - .seconds(1)
        while true {
            let wait = dirty ? 10 : Int32(min(100, 1000 - Int(clock.now().ms % 1000)))
            Waiting.poll([terminal.inputDescriptor, store.changeDescriptor], timeoutMs: wait)
            while let key = terminal.readKey(timeoutMs: 0) {
                if !handle(.key(key)) { return }
            }
            if store.takeChanges() { handle(.storeChanged) }
            handle(.tick)
            if dirty, ContinuousClock.now - lastDraw >= .milliseconds(33) {
                drawIfDirty()
                lastDraw = .now
            }
        }
    }
}
