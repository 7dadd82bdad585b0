import Dashboard
import DispatchCore
import EventLog
import EventStore
import Foundation
import NcursesBackend
import TerminalUI

/// Runs the wall: waits on the terminal and the log together, redraws when something
/// changed and once a second for the clock. Holds only a read-only feed: it has no
/// way to write to the store.
final class WallApp {
    private var feed: FileFeed
    private let paths: StorePaths
    private var state: WallState
    private let theme: Theme
    private let rotation: (seconds: Int, counties: [String])?
    private let staleAfter: TimeInterval
    private var lastHeard = Date()
    private var broken: String?
    private var waiter: ChangeWaiter
    /// `GRIDWATCH_WALL_TRACE=FILE` appends `SEQ UNIX_MS` after each frame is drawn, for
    /// the wall benchmark's append-to-screen delay.
    private let trace: UnsafeMutablePointer<FILE>? = ProcessInfo.processInfo.environment["GRIDWATCH_WALL_TRACE"].flatMap { fopen($0, "a") }

    init(feed: FileFeed, lang: Lang, theme: Theme, unit: String?, rotate: Int?, staleAfter: TimeInterval) {
        self.feed = feed
        paths = feed.paths
        self.theme = theme
        self.staleAfter = staleAfter
        let m = feed.model
        let root = unit ?? m.roots.first.map { m.units[Int($0)].code } ?? ""
        rotation = rotate.map { seconds in
            (seconds, m.unitIndex(of: root).map { m.children[$0].map { m.units[Int($0)].code } } ?? [])
        }
        state = WallState(scope: root, lang: lang, now: SystemClock().now(), utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        state.eventCount = feed.lastSeq
        waiter = ChangeWaiter(path: feed.logPath)
    }

    func run() throws {
        if let size = PlainSnapshot.size(ProcessInfo.processInfo.environment) {
            PlainSnapshot.print(WallView.render(state, model: feed.model, width: size.width, height: size.height))
            return
        }
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(theme: theme) } catch { throw CLIError(error.description) }
        defer { terminal.restore() }
        var second = -1, pending = false, lastDraw = Date.distantPast
        while true {
            // A burst of appends is drawn at most ten times a second: the frame costs the
            // same for one event or fifty, so coalescing bounds a wall's CPU at any rate.
            let holdMs = pending ? max(0, Int32((lastDraw.timeIntervalSinceNow + Self.minFrame) * 1000)) : nil
            let changed = wait(terminal, atMost: holdMs)
            if changed.quit { return }
            if changed.log { refresh(); pending = true }
            let now = Date()
            let s = Int(now.timeIntervalSince1970)
            guard s != second || (pending && now.timeIntervalSince(lastDraw) >= Self.minFrame) else { continue }
            if s != second, s % 5 == 0 { refresh() }
            second = s
            pending = false
            lastDraw = now
            tick(now)
            let (w, h) = terminal.size
            terminal.draw(WallView.render(state, model: feed.model, width: w, height: h))
            if let trace {
                fputs("\(feed.lastSeq) \(Int64(Date().timeIntervalSince1970 * 1000))\n", trace)
                fflush(trace)
            }
        }
    }

    /// The shortest time between two frames, in seconds.
    static let minFrame = 0.1

    /// Blocks until a key, a log change, the next second, or `atMost` milliseconds. No busy polling.
    private func wait(_ terminal: NcursesTerminal, atMost: Int32?) -> (quit: Bool, log: Bool) {
        let msToNextSecond = min(Int32(1000 - Int(Date().timeIntervalSince1970 * 1000) % 1000), atMost ?? 1000)
        var fds = [pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0)]
        if waiter.descriptor >= 0 { fds.append(pollfd(fd: waiter.descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), min(msToNextSecond, waiter.usesInotify ? 1000 : 500))
        var quit = false
        if fds[0].revents != 0 {
            while let key = terminal.readKey(timeoutMs: 0) {
                switch key {
                case .char("q"), .char("Q"): quit = true
                case .resize: terminal.invalidate()
                default: break  // a wall has no other keys
                }
            }
        }
        let log = fds.count > 1 && fds[1].revents != 0 && waiter.wait(timeoutMs: 0)
        return (quit, log || !waiter.usesInotify)
    }

    private func refresh() {
        if broken != nil { reopen() }
        guard broken == nil else { return }
        do {
            let generation = feed.generation
            if try !feed.refresh().isEmpty { lastHeard = Date() }
            if feed.generation != generation { waiter = ChangeWaiter(path: feed.logPath) }
            state.eventCount = feed.lastSeq
        } catch {
            broken = error.description
        }
    }

    /// Tries to open the store again after it could not be read (moved, recovered, unmounted).
    private func reopen() {
        guard let fresh = try? FileFeed(paths: paths) else { return }
        feed = fresh
        waiter = ChangeWaiter(path: fresh.logPath)
        broken = nil
        lastHeard = Date()
        state.eventCount = fresh.lastSeq
    }

    private func tick(_ now: Date) {
        state.now = Instant(now)
        let heard = max(lastHeard, paths.lastHeartbeat() ?? .distantPast)
        let quiet = now.timeIntervalSince(heard)
        if let broken {
            state.feed = .stale(state.lang.pick("无法读取：", "cannot read the store: ") + broken)
        } else if quiet > staleAfter {
            state.feed = .stale(state.lang.pick("\(Int(quiet)) 秒未收到事件或心跳", "nothing heard for \(Int(quiet)) s"))
        } else {
            state.feed = .live
        }
        if let r = rotation, !r.counties.isEmpty {
            state.scope = r.counties[Int(now.timeIntervalSince1970) / r.seconds % r.counties.count]
        }
    }
}
