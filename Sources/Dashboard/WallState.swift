import DispatchCore

/// What the wall shows besides the model: its scope, clock, whether the feed is live,
/// and what it needs to decide that (when it last heard from the store).
public struct WallState: Sendable {
    /// The unit whose subtree the wall shows.
    public var scope: String
    public var lang: Lang
    public var now: Instant
    public var utcOffsetSeconds: Int
    public var feed: FeedState = .live
    public var eventCount: UInt64 = 0
    /// Silence (no event, no heartbeat) after which the figures are called stale.
    public var staleAfter = Duration.seconds(120)
    /// When an event last arrived.
    public var lastHeard: Instant
    /// When a console last touched the store's heartbeat.
    public var heartbeat: Instant?
    /// Why the store cannot be read, while it cannot.
    public var broken: String?
    /// Rotating through units (the counties) every `seconds`, if asked to.
    public var rotation: WallRotation?
    /// Set when the wall shows a moment of the past (`--as-of`): never stale, and the
    /// header says which moment.
    public var past: String?
    /// The last 24 hours for every unit, kept as events arrive (nil: not built).
    public var trends: Trends?
    /// Today's figures for every unit, kept as events arrive (nil: not built).
    public var today: PeriodTally?

    /// Creates a wall state that has just heard from the store.
    public init(scope: String, lang: Lang, now: Instant, utcOffsetSeconds: Int) {
        self.scope = scope; self.lang = lang; self.now = now; self.utcOffsetSeconds = utcOffsetSeconds
        lastHeard = now
    }

    /// Local midnight of the wall's day.
    public var midnight: Instant { Format.localMidnight(now, offset: utcOffsetSeconds) }

    /// Builds the trends as of `now` and today's tally from `model`: at start, and after
    /// the store was opened again (nothing kept from the old one can be trusted).
    public mutating func startFollowing(_ model: Model, now: Instant) {
        trends = Trends(model: model, now: now)
        today = PeriodTally(model: model, since: midnight)
    }

    /// Builds today's tally when there is none or the day has turned.
    public mutating func keepToday(model: Model) {
        if today?.since != midnight { today = PeriodTally(model: model, since: midnight) }
    }

    /// Follows events the model has applied: the trends and today's tally.
    public mutating func follow(_ events: [Event], model: Model) {
        guard !events.isEmpty else { return }
        trends?.apply(events, model: model)
        today?.apply(events, model: model)
    }
}

/// Moving the wall's scope through a list of units on a fixed period.
public struct WallRotation: Hashable, Sendable {
    public var seconds: Int
    public var units: [String]
    /// Creates a rotation through `units`, `seconds` each.
    public init(seconds: Int, units: [String]) { self.seconds = seconds; self.units = units }

    /// The unit on screen at `t`: the same for every wall with the same clock.
    public func unit(at t: Instant) -> String? {
        guard !units.isEmpty, seconds > 0 else { return nil }
        let slot = Int((t.ms / 1000) / Int64(seconds))
        return units[((slot % units.count) + units.count) % units.count]
    }
}

/// What happened, for `WallUpdate.update`.
public enum WallMessage: Sendable {
    /// The clock moved (the wall is drawn at least once a second).
    case tick(Instant)
    /// The store was read: how many new events, the last sequence number, and the
    /// heartbeat seen.
    case refreshed(newEvents: Int, lastSeq: UInt64, heartbeat: Instant?)
    /// The store could not be read.
    case storeFailed(String)
    /// The store was opened again after it could not be read.
    case reopened(lastSeq: UInt64)
}

/// The wall's pure update: every change of the wall's state happens here.
public enum WallUpdate {
    /// Applies one message.
    public static func update(_ w: inout WallState, _ msg: WallMessage) {
        switch msg {
        case .tick(let t):
            w.now = t
            if let r = w.rotation, let u = r.unit(at: t) { w.scope = u }
        case .refreshed(let n, let seq, let beat):
            if n > 0 { w.lastHeard = w.now }
            w.heartbeat = beat
            w.eventCount = seq
            w.broken = nil
        case .storeFailed(let why):
            w.broken = why
        case .reopened(let seq):
            w.broken = nil
            w.lastHeard = w.now
            w.eventCount = seq
        }
        w.feed = feed(w)
    }

    /// Live, or stale with the reason in the wall's language.
    static func feed(_ w: WallState) -> FeedState {
        if w.past != nil { return .live }
        if let broken = w.broken { return .stale(w.lang.pick("无法读取：", "cannot read the store: ") + broken) }
        let heard = max(w.lastHeard, w.heartbeat ?? w.lastHeard)
        let quiet = (w.now.ms - heard.ms) / 1000
        if w.now.ms - heard.ms > w.staleAfter.ms {
            return .stale(w.lang.pick("\(quiet) 秒未收到事件或心跳", "nothing heard for \(quiet) s"))
        }
        return .live
    }
}
