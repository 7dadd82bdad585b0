import DispatchCore

/// The indicators overlay's two columns, today and all time, kept as events arrive
/// while the overlay is open. Counting them afresh on every frame read every case the
/// store holds, so each second with the overlay open cost more the larger the store.
public struct OverlayTallies: Sendable {
    /// Since local midnight of the day it was built for.
    public private(set) var today: PeriodTally
    /// Since the beginning.
    public private(set) var all: PeriodTally
    /// The last sequence number the tallies include: events are followed only when they
    /// carry on from it, else the tallies are built again.
    public private(set) var seq: UInt64

    /// Both tallies of `model` as of `seq`: one pass over today's cases and one over all.
    public init(model: Model, midnight: Instant, seq: UInt64) {
        today = PeriodTally(model: model, since: midnight)
        all = PeriodTally(model: model, since: Instant(ms: .min))
        self.seq = seq
    }

    /// Follows events the model has applied: `first` is the first one's sequence number
    /// and `last` the model's last after them. Builds both again when anything was missed.
    public mutating func follow(_ events: [Event], first: UInt64, last: UInt64, model: Model) {
        guard !events.isEmpty else { return }
        guard first == seq + 1, last == seq + UInt64(events.count) else {
            self = OverlayTallies(model: model, midnight: today.since, seq: last)
            return
        }
        today.apply(events, model: model)
        all.apply(events, model: model)
        seq = last
    }
}
