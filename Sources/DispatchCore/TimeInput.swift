import Foundation

/// Times as people type them: ISO 8601 (`2026-11-27T18:00:00+08:00`), a local date and
/// time (`2026-11-27 18:00`, read in the given UTC offset), or relative to now
/// (`+30m`, `+2h`, `+3d` ahead; `-12h`, `-7d` back).
public enum TimeInput {
    /// Parses `text`; nil if it is none of the accepted forms.
    public static func parse(_ text: String, now: Instant, utcOffsetSeconds: Int = 0) -> Instant? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("+") || s.hasPrefix("-"), let unit = s.last, let n = Int64(s.dropFirst().dropLast()), n >= 0, n < 100_000 {
            let sign: Int64 = s.hasPrefix("-") ? -1 : 1
            switch unit {
            case "m": return now.adding(.minutes(sign * n))
            case "h": return now.adding(.hours(sign * n))
            case "d": return now.adding(.days(sign * n))
            default: return nil
            }
        }
        if let t = ISOTime.parse(s) { return t }
        // "YYYY-MM-DD HH:MM[:SS]" without a zone: local time at the given offset.
        guard s.count >= 16, let t = ISOTime.parse(s.replacingOccurrences(of: " ", with: "T") + "Z") else { return nil }
        return Instant(ms: t.ms - Int64(utcOffsetSeconds) * 1000)
    }

    /// `YYYY-MM-DD HH:MM` in the given UTC offset: the form `parse` reads back.
    public static func format(_ t: Instant, utcOffsetSeconds: Int = 0) -> String {
        let local = ISOTime.format(Instant(ms: t.ms + Int64(utcOffsetSeconds) * 1000))
        return String(local.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
