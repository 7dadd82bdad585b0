import Dashboard
import DispatchCore
import EventLog
import EventStore
import Foundation
import NcursesBackend
import TerminalUI

/// Runs the console: keys and log changes in, frames out. The only place the
/// console's effects meet the store and the terminal.
final class ConsoleApp {
    let store: FileStore
    var state: ConsoleState
    var theme: Theme
    /// Called once a second with the store, to move the demo along.
    var onTick: ((FileStore) -> Void)?
    private let waiter: ChangeWaiter
    private var lastRefresh = Date.distantPast
    private let minFrameInterval = 1.0 / 30
    private var ticks = 0

    init(store: FileStore, lang: Lang, theme: Theme, themeName: String) {
        self.store = store
        self.theme = theme
        waiter = ChangeWaiter(path: store.paths.log)
        let now = SystemClock().now()
        state = ConsoleState(model: store.model, lang: lang, themeName: themeName, operatorName: store.actor, now: now,
                             utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        state.eventCount = store.lastSeq
    }

    /// Opens the terminal and runs until `q`; prints a snapshot when there is no terminal.
    func run() throws {
        if let size = PlainSnapshot.size(ProcessInfo.processInfo.environment) {
            printSnapshot(size)
            return
        }
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(theme: theme) } catch {
            printSnapshot((100, 30))
            return
        }
        defer { terminal.restore() }
        try loop(terminal)
        // A clean exit leaves a snapshot, so the next start replays nothing it need not.
        store.finish(minimum: 1)
    }

    private func printSnapshot(_ size: (width: Int, height: Int)) {
        ConsoleUpdate.sync(&state, model: store.model, visibleRows: ConsoleView.paneRows(width: size.width, height: size.height))
        PlainSnapshot.print(ConsoleView.render(state, model: store.model, width: size.width, height: size.height))
    }

    private func loop(_ terminal: NcursesTerminal) throws {
        var dirty = true, lastDraw = Date.distantPast, lastSecond = Date()
        while true {
            if let key = terminal.readKey(timeoutMs: dirty ? 10 : 100) {
                if case .resize = key { terminal.invalidate() } else if dispatch(.key(key), terminal) { return }
                dirty = true
            }
            if waiter.wait(timeoutMs: 0) || Date().timeIntervalSince(lastRefresh) > 1 { dirty = refresh() || dirty }
            if Date().timeIntervalSince(lastSecond) >= 1 {
                lastSecond = Date()
                onTick?(store)
                ticks += 1
                // Consoles apply supervision cards as time passes; every sweep is decided
                // under the writer lock, so several consoles record each card once.
                if ticks % 10 == 0 {
                    _ = try? Sweeper.run(store)
                    store.paths.touchHeartbeat()
                }
                store.snapshotIfDue()
                dirty = refresh() || true
            }
            if dirty, Date().timeIntervalSince(lastDraw) >= minFrameInterval {
                draw(terminal)
                lastDraw = Date()
                dirty = false
            }
        }
    }

    /// Reads what other processes appended. Returns whether anything changed.
    @discardableResult
    private func refresh() -> Bool {
        lastRefresh = Date()
        state.now = SystemClock().now()
        do {
            let new = try store.refresh()
            state.feed = .live
            state.eventCount = store.lastSeq
            return !new.isEmpty
        } catch {
            state.feed = .stale(error.description)
            return true
        }
    }

    private func draw(_ terminal: NcursesTerminal) {
        let (w, h) = terminal.size
        ConsoleUpdate.sync(&state, model: store.model, visibleRows: ConsoleView.paneRows(width: w, height: h))
        terminal.draw(ConsoleView.render(state, model: store.model, width: w, height: h))
    }

    /// Runs `update` and its effects. Returns true to quit.
    private func dispatch(_ msg: Message, _ terminal: NcursesTerminal) -> Bool {
        var pending = [msg]
        while !pending.isEmpty {
            let m = pending.removeFirst()
            for effect in ConsoleUpdate.update(&state, m, model: store.model) {
                switch effect {
                case .quit: return true
                case .execute(let command, let summary): pending.append(execute(command, summary: summary))
                case .loadTimeline(let n): pending.append(timeline(n))
                case .setTheme(let name): pending.append(setTheme(name, terminal))
                }
            }
        }
        return false
    }

    private func execute(_ command: Command, summary: String) -> Message {
        do {
            try store.execute(command)
            state.eventCount = store.lastSeq
            return .executed(summary: summary)
        } catch .domain(let e) {
            if case .conflict = e { _ = refresh(); return .failed(e.description, conflict: true) }
            return .failed(e.description, conflict: false)
        } catch {
            return .failed(error.description, conflict: false)
        }
    }

    private func timeline(_ number: String) -> Message {
        let entries = store.history(of: number).compactMap { seq -> TimelineEntry? in
            (try? store.events(in: seq...seq).first).flatMap { $0.map { TimelineEntry(seq: $0.seq, event: $0.event) } }
        }
        return .timeline(number: number, entries: entries)
    }

    private func setTheme(_ name: String, _ terminal: NcursesTerminal) -> Message {
        do {
            let t = try ThemeCatalog.load(name)
            terminal.theme = t
            theme = t
            state.themeName = name
            return .themeResult(state.lang.pick("主题：", "theme: ") + name, ok: true)
        } catch {
            return .themeResult(error.description, ok: false)
        }
    }
}
