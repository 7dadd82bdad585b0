import DispatchCore
import EventStore
import Foundation
import Synchronization

/// A view of the past in common: the console and the wall say which moment they show,
/// refuse every action, and never call the store stale.
public protocol PastView: AnyObject {
    /// What the banner says: `2026-12-04 09:00 · #2140`, or a replay's stretch and speed.
    var moment: String { get }
    /// The view's own time, which a console or wall runs on instead of the wall clock:
    /// stopped at a frozen moment, running at a replay's speed.
    var pastClock: DispatchClock { get }
}

extension PastStore: PastView {}

/// Time in a replay: the stretch's start plus the real time since the replay began,
/// times the speed; it stops at the stretch's end.
public final class ReplayClock: DispatchClock, @unchecked Sendable {
    public let from: Instant
    public let to: Instant
    public let speed: Double
    private let started: Double

    /// A clock at `from`, running `speed` times faster than real time until `to`.
    public init(from: Instant, to: Instant, speed: Double) {
        self.from = from; self.to = to; self.speed = speed
        started = ProcessInfo.processInfo.systemUptime
    }

    public func now() -> Instant {
        let elapsed = (ProcessInfo.processInfo.systemUptime - started) * speed * 1000
        return Instant(ms: min(to.ms, from.ms + Int64(elapsed)))
    }
}

/// A stretch of the log played back (复盘回放): the model as it stood at the start, then
/// each event applied when the replay clock reaches its time, so the wall or the console
/// shows the stretch as it happened, faster. Nothing can be written to it.
public final class ReplayStore: CaseStore, PastView {
    public private(set) var model: Model
    public private(set) var lastSeq: UInt64
    public private(set) var headHash: String
    public let location: String
    /// `▶ ×60 12-04 08:00 → 12-04 20:00 (412)`; `■` once the stretch has played.
    public var moment: String { (clock.now() >= clock.to && remaining == 0 ? "■" : "▶") + stretch }
    private let stretch: String
    public let clock: ReplayClock
    public var access: AccessCheck?
    public var actor: String { "" }
    public var pastClock: DispatchClock { clock }
    private let pending: [StoredEvent]
    private var next = 0
    private var shown: [UInt64: StoredEvent] = [:]
    private var byCase: [String: [UInt64]] = [:]

    /// Reads `scan` once: what came up to `clock.from` builds the model, what came up to
    /// `clock.to` waits its turn.
    /// With `start`, the scan is positioned after a snapshot and the model begins as it.
    public init(_ scan: any EventScan, policy: Policy, clock: ReplayClock, location: String, utcOffsetSeconds: Int,
                start: SnapshotHistory.Start? = nil) throws(StoreError) {
        var m = start?.model ?? Model(policy: policy, now: clock.from)
        var last: StoredEvent?, later: [StoredEvent] = []
        var shown: [UInt64: StoredEvent] = [:], byCase: [String: [UInt64]] = [:]
        reading: while true {
            let batch = try scan.next()
            if batch.isEmpty { break }
            for e in batch {
                if e.event.at > clock.to { break reading }
                // The hierarchy is the stage, not the play: units and agencies registered
                // during the stretch are there from its start (a store made that day replays).
                if e.event.at > clock.from, !Self.isStage(e.event.body) { later.append(e); continue }
                m.apply(e.event)
                if let n = e.event.body.caseNumber { shown[e.seq] = e; byCase[n, default: []].append(e.seq) }
                last = e
            }
        }
        m.advance(to: clock.from)
        model = m
        lastSeq = last?.seq ?? start?.lastSeq ?? 0
        headHash = last.map { hexString($0.hash) } ?? start.map { hexString($0.head) } ?? ""
        pending = later
        self.shown = shown
        self.byCase = byCase
        self.clock = clock
        self.location = location
        let speed = clock.speed == clock.speed.rounded() ? String(Int(clock.speed)) : String(clock.speed)
        stretch = " ×\(speed) " + TimeInput.format(clock.from, utcOffsetSeconds: utcOffsetSeconds)
            + " → " + TimeInput.format(clock.to, utcOffsetSeconds: utcOffsetSeconds) + " (\(later.count))"
    }

    private static func isStage(_ body: EventBody) -> Bool {
        switch body {
        case .unitRegistered, .agencyRegistered: true
        default: false
        }
    }

    /// How many of the stretch's events have not been played yet.
    public var remaining: Int { pending.count - next }

    /// Plays the events the replay clock has reached.
    public func refresh() throws(StoreError) -> [StoredEvent] {
        let now = clock.now()
        var played: [StoredEvent] = []
        while next < pending.count, pending[next].event.at <= now {
            let e = pending[next]
            model.apply(e.event)
            if let n = e.event.body.caseNumber { shown[e.seq] = e; byCase[n, default: []].append(e.seq) }
            lastSeq = e.seq
            headHash = hexString(e.hash)
            played.append(e)
            next += 1
        }
        model.advance(to: now)
        return played
    }

    public func history(of caseNumber: String) -> [UInt64] { byCase[caseNumber] ?? [] }
    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] {
        shown.values.filter { range.contains($0.seq) }.sorted { $0.seq < $1.seq }
    }
    public var changeDescriptor: Int32 { -1 }
    public func takeChanges() -> Bool { false }
    /// Five reads a second: a replay at speed moves quickly.
    public var pollInterval: Int32 { 200 }
    /// A replay is never stale: its heartbeat is its own clock.
    public func lastHeartbeat() -> Instant? { clock.now() }
    public func close() {}

    public func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        throw .permission("this is a replay of the past (\(moment)): nothing can be changed in it")
    }
    public func heartbeat() {}
    public func maintain() {}
    public func close(snapshotAfter minimum: UInt64?) {}
}
