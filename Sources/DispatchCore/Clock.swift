import Foundation

/// Where the domain gets the current time. Passed in, so tests control time.
public protocol DispatchClock: Sendable {
    /// The current time.
    func now() -> Instant
}

/// The real wall clock.
public struct SystemClock: DispatchClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Instant { Instant(Date()) }
}

/// A clock that stands still until told to move; for tests and replays.
public final class ManualClock: DispatchClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant

    /// Creates a clock showing `start`.
    public init(_ start: Instant) { current = start }

    public func now() -> Instant { lock.withLock { current } }

    /// Moves the clock forward (or anywhere) to `t`.
    public func set(_ t: Instant) { lock.withLock { current = t } }

    /// Moves the clock forward by `d`.
    public func advance(_ d: Duration) { lock.withLock { current = current.adding(d) } }
}
