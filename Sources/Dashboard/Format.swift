import DispatchCore
import TerminalUI

/// Small formatting helpers shared by the console and the wall.
enum Format {
    /// A short duration: `45s`, `12m`, `3h`, `2d`.
    static func span(_ d: Duration) -> String {
        let s = abs(d.ms) / 1000
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 * 2 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    /// Time left: like `span` but rounded up, so a deadline set three days ahead shows
    /// `3d` at once (rounded down it would show `2d` a second later).
    static func remaining(_ d: Duration) -> String {
        let s = (abs(d.ms) + 999) / 1000
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\((s + 59) / 60)m" }
        if s < 86400 * 2 { return "\((s + 3599) / 3600)h" }
        return "\((s + 86399) / 86400)d"
    }

    /// `HH:MM:SS` local time.
    /// Hours and minutes: a ticking seconds field would rewrite the header every second,
    /// the whole of an idle console's traffic over a slow ssh link.
    static func clock(_ t: Instant, offset: Int) -> String {
        String(ISOTime.format(Instant(ms: t.ms + Int64(offset) * 1000)).dropFirst(11).prefix(5))
    }

    /// Local midnight before `t`: the start of the day officers mean by "today".
    static func localMidnight(_ t: Instant, offset: Int) -> Instant {
        let dayMs: Int64 = 86_400_000, off = Int64(offset) * 1000
        return Instant(ms: (t.ms + off) / dayMs * dayMs - off)
    }

    /// `MM-DD HH:MM` local time.
    static func shortTime(_ t: Instant, offset: Int) -> String {
        String(TimeInput.format(t, utcOffsetSeconds: offset).dropFirst(5))
    }

    /// The theme element for a risk level.
    static func element(_ l: RiskLevel) -> Element {
        switch l {
        case .red: .alertRed
        case .orange: .alertOrange
        case .yellow: .alertYellow
        case .blue: .alertBlue
        }
    }

    /// A one-column marker for a risk level that reads without colour too.
    static func marker(_ l: RiskLevel?) -> String {
        switch l {
        case .red?: "●"
        case .orange?: "◆"
        case .yellow?: "▲"
        case .blue?: "■"
        case nil: " "
        }
    }

    /// A number with thousands separators.
    static func count(_ n: Int) -> String {
        let s = String(n)
        guard s.count > 3 else { return s }
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Who a case is with: the lead's short name.
    static func assignee(_ a: Assignee?, model: Model, lang: Lang) -> String {
        switch a {
        case .agency(let id)?: model.agency(id).map { lang.pick($0.name, $0.nameEn) } ?? id
        case .centre(let code)?: model.unit(code)?.name ?? code
        case nil: "—"
        }
    }
}
