/// Time limits per risk level: how long a centre has to accept and to resolve a case,
/// and when the follow-up visit is due. Passing a limit earns a yellow card; passing it
/// by half again, a red card.
public struct TimeLimits: Hashable, Sendable {
    /// Time to accept, per level.
    public var accept: [RiskLevel: Duration]
    /// Time to resolve, per level.
    public var resolve: [RiskLevel: Duration]
    /// Delay after resolution before the follow-up visit is due.
    public var followUp: Duration

    /// The defaults of the design guide: accept red 10 min, orange 30 min, yellow 2 h,
    /// blue 24 h; resolve red 24 h, orange 3 days, yellow 7 days, blue 15 days; visit 3 days.
    public static let defaults = TimeLimits(
        accept: [.red: .minutes(10), .orange: .minutes(30), .yellow: .hours(2), .blue: .hours(24)],
        resolve: [.red: .hours(24), .orange: .days(3), .yellow: .days(7), .blue: .days(15)],
        followUp: .days(3)
    )

    /// Creates limits.
    public init(accept: [RiskLevel: Duration], resolve: [RiskLevel: Duration], followUp: Duration) {
        self.accept = accept; self.resolve = resolve; self.followUp = followUp
    }

    /// Time to accept a case of this level.
    public func acceptLimit(_ l: RiskLevel) -> Duration { accept[l] ?? TimeLimits.defaults.accept[l] ?? .hours(24) }
    /// Time to resolve a case of this level.
    public func resolveLimit(_ l: RiskLevel) -> Duration { resolve[l] ?? TimeLimits.defaults.resolve[l] ?? .days(15) }
}
