/// When supervision cards are due: a yellow card once a limit is passed by `yellow`
/// times the limit, a red card at `red` times (the design's "passing it by half again").
public struct CardThresholds: Hashable, Sendable {
    /// Fraction of the limit past the deadline for a yellow card (0 = at the deadline).
    public var yellow: Double
    /// Fraction of the limit past the deadline for a red card.
    public var red: Double

    /// Yellow as soon as a limit passes; red when it is passed by half again.
    public static let defaults = CardThresholds(yellow: 0, red: 0.5)

    /// Creates thresholds.
    public init(yellow: Double, red: Double) { self.yellow = yellow; self.red = red }
}

/// Early-warning thresholds.
public struct WarningThresholds: Hashable, Sendable {
    /// Reports by one reporter, or at one place in one category, that make a repeat.
    public var repeatCount: Int
    /// The window for repeats.
    public var repeatWindow: Duration
    /// Reports of one category in one grid or village that make a hotspot.
    public var hotspotCount: Int
    /// The window for hotspots.
    public var hotspotWindow: Duration
    /// People involved that make a crowd warning.
    public var crowdPeople: Int

    /// Three reports in 30 days; five of a category in one place in 24 hours; 50 people.
    public static let defaults = WarningThresholds(repeatCount: 3, repeatWindow: .days(30), hotspotCount: 5,
                                                   hotspotWindow: .hours(24), crowdPeople: 50)

    /// Creates thresholds.
    public init(repeatCount: Int, repeatWindow: Duration, hotspotCount: Int, hotspotWindow: Duration, crowdPeople: Int) {
        self.repeatCount = repeatCount; self.repeatWindow = repeatWindow; self.hotspotCount = hotspotCount
        self.hotspotWindow = hotspotWindow; self.crowdPeople = crowdPeople
    }
}

/// Everything configurable about time limits, cards and warnings.
public struct Policy: Hashable, Sendable {
    public var limits: TimeLimits
    public var cards: CardThresholds
    public var warnings: WarningThresholds

    /// The design guide's defaults.
    public static let defaults = Policy(limits: .defaults, cards: .defaults, warnings: .defaults)

    /// Creates a policy.
    public init(limits: TimeLimits, cards: CardThresholds, warnings: WarningThresholds) {
        self.limits = limits; self.cards = cards; self.warnings = warnings
    }
}
