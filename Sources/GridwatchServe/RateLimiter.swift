import Foundation
import Synchronization

/// A token bucket per caller: `perSecond` requests a second on average, bursts of up to
/// `burst`. One platform retrying in a tight loop then slows itself, not everyone.
final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var at: Double }
    private let perSecond: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter allowing `perSecond` on average (0: no limit) and bursts of `burst`.
    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = max(1, burst)
    }

    /// Takes a token for `who`; nil if allowed, else the seconds until one is free.
    func take(_ who: String, now: Double = ProcessInfo.processInfo.systemUptime) -> Int? {
        guard perSecond > 0 else { return nil }
        return buckets.withLock { all in
            // A bounded table: forgetting idle callers only refills their buckets.
            if all.count > 10_000 { all = all.filter { now - $0.value.at < 60 } }
            var b = all[who] ?? Bucket(tokens: burst, at: now)
            b.tokens = min(burst, b.tokens + (now - b.at) * perSecond)
            b.at = now
            defer { all[who] = b }
            guard b.tokens >= 1 else { return max(1, Int(((1 - b.tokens) / perSecond).rounded(.up))) }
            b.tokens -= 1
            return nil
        }
    }
}
