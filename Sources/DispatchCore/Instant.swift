import Foundation

/// A point in time with millisecond precision, stored as milliseconds since the Unix epoch.
///
/// The log stores times as integers so that replay never goes through `Date` formatting.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var ms: Int64

    /// Creates an instant from milliseconds since the epoch.
    public init(ms: Int64) { self.ms = ms }

    /// Creates an instant from a Foundation date.
    public init(_ date: Date) { self.ms = Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The same instant as a Foundation date.
    public var date: Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    /// This instant moved by a duration.
    public func adding(_ d: Duration) -> Instant { Instant(ms: ms &+ d.ms) }

    /// The duration from `other` to this instant (negative if `other` is later).
    public func since(_ other: Instant) -> Duration { Duration(ms: ms &- other.ms) }

    public static func < (a: Instant, b: Instant) -> Bool { a.ms < b.ms }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-27T08:30:00.000Z`.
    public var iso8601: String { ISOTime.format(self) }

    public var description: String { iso8601 }
}

/// A length of time in milliseconds.
public struct Duration: Comparable, Hashable, Sendable {
    /// Milliseconds.
    public var ms: Int64
    /// Creates a duration of `ms` milliseconds.
    public init(ms: Int64) { self.ms = ms }
    /// Whole minutes.
    public static func minutes(_ n: Int64) -> Duration { Duration(ms: n * 60_000) }
    /// Whole hours.
    public static func hours(_ n: Int64) -> Duration { Duration(ms: n * 3_600_000) }
    /// Whole days.
    public static func days(_ n: Int64) -> Duration { Duration(ms: n * 86_400_000) }
    /// Whole seconds.
    public static func seconds(_ n: Int64) -> Duration { Duration(ms: n * 1000) }
    public static func < (a: Duration, b: Duration) -> Bool { a.ms < b.ms }
}

/// ISO 8601 formatting and parsing in UTC, without Foundation's formatter cost on hot paths.
public enum ISOTime {
    /// Formats an instant as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func format(_ t: Instant) -> String {
        let secs = t.ms >= 0 ? t.ms / 1000 : (t.ms - 999) / 1000
        let millis = Int(t.ms - secs * 1000)
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = Int(secs - days * 86400)
        let (y, m, d) = civil(fromDays: days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      y, m, d, rem / 3600, rem / 60 % 60, rem % 60, millis)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)` or a date `YYYY-MM-DD` (midnight UTC).
    /// Returns nil for anything else, including out-of-range fields.
    public static func parse(_ s: String) -> Instant? {
        let u = Array(s.utf8)
        guard u.count >= 10, let y = num(u, 0, 4), u[4] == 45, let mo = num(u, 5, 2), u[7] == 45,
              let d = num(u, 8, 2), (1...12).contains(mo), (1...31).contains(d), y >= 1970, y <= 9999
        else { return nil }
        var secOfDay = 0, ms = 0, offset = 0
        if u.count > 10 {
            guard u.count >= 16, u[10] == 84 || u[10] == 32, let hh = num(u, 11, 2), u[13] == 58,
                  let mm = num(u, 14, 2), hh < 24, mm < 60 else { return nil }
            var i = 16, ss = 0
            if i < u.count, u[i] == 58 {
                guard let v = num(u, i + 1, 2), v < 60 else { return nil }
                ss = v; i += 3
                if i < u.count, u[i] == 46 {
                    var digits = 0; i += 1
                    while i < u.count, (48...57).contains(u[i]) {
                        if digits < 3 { ms = ms * 10 + Int(u[i] - 48) }
                        digits += 1; i += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 3 { for _ in digits..<3 { ms *= 10 } }
                }
            }
            guard i < u.count else { return nil }
            if u[i] == 90, i == u.count - 1 {
                offset = 0
            } else if (u[i] == 43 || u[i] == 45), u.count == i + 6, let oh = num(u, i + 1, 2), u[i + 3] == 58,
                      let om = num(u, i + 4, 2), oh < 24, om < 60 {
                offset = (oh * 60 + om) * 60 * (u[i] == 43 ? 1 : -1)
            } else { return nil }
            secOfDay = hh * 3600 + mm * 60 + ss
        }
        let days = daysFromCivil(y, mo, d)
        guard civil(fromDays: days) == (y, mo, d) else { return nil }
        let secs = days * 86400 + Int64(secOfDay - offset)
        return Instant(ms: secs * 1000 + Int64(ms))
    }

    private static func num(_ u: [UInt8], _ at: Int, _ n: Int) -> Int? {
        guard at + n <= u.count else { return nil }
        var v = 0
        for i in at..<(at + n) {
            guard (48...57).contains(u[i]) else { return nil }
            v = v * 10 + Int(u[i] - 48)
        }
        return v
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((m + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }
}
