import Foundation
import DispatchCore
import TerminalUI

/// The header line: centre and scope on the left; operator, clock, feed state and
/// event count on the right.
enum HeaderView {
    static func render(_ s: ConsoleState, model: Model, into b: inout Buffer, in rect: Rect) {
        guard rect.height > 0 else { return }
        b.fill(rect, style: Style(.header))
        let scopeNames = s.path.compactMap { model.unit($0)?.name }.joined(separator: " › ")
        var state: (String, Element)
        switch s.feed {
        case .live where s.past != nil: state = ("⏪ " + s.lang.pick("复盘 ", "PAST ") + (s.past ?? ""), .warning)
        case .live where s.isPaused:
            // What arrived while the lists stood still, so pausing never hides it.
            let fresh = max(0, model.maxOrdinal - s.pausedAtOrdinal)
            state = ("‖ " + Words.paused(s.lang) + (fresh > 0 ? s.lang.pick(" · 新增 \(fresh)", " · \(fresh) new") : ""), .warning)
        case .live: state = ("● " + Words.live(s.lang), .good)
        case .stale(let why): state = ("✕ " + Words.stale(s.lang) + " " + why, .stale)
        }
        // A view of the past shows its day too: a replay may cross days.
        let clock = s.past == nil ? Format.clock(s.now, offset: s.utcOffsetSeconds)
            : String(ISOTime.format(Instant(ms: s.now.ms + Int64(s.utcOffsetSeconds) * 1000)).dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ")
        let right = "\(s.operatorName)  \(clock)  "
        let count = "  \(Format.count(Int(s.eventCount))) \(Words.events(s.lang))"
        // A long reason for a stale feed is cut, never the whole right-hand side: the
        // officer must see that the screen is stale whatever the width.
        let room = rect.width - DisplayWidth.of(right) - DisplayWidth.of(count) - min(24, rect.width / 4) - 1
        if DisplayWidth.of(state.0) > room { state.0 = TextLayout.truncate(state.0, toWidth: max(room, 0)) }
        let rightWidth = DisplayWidth.of(right) + DisplayWidth.of(state.0) + DisplayWidth.of(count)
        let leftWidth = max(0, rect.width - rightWidth - 1)
        b.cell(" " + Words.title(s.lang) + " · " + scopeNames, x: rect.x, y: rect.y, width: leftWidth, style: Style(.headerText))
        guard rightWidth < rect.width else { return }
        var x = rect.x + rect.width - rightWidth
        x += b.put(right, x: x, y: rect.y, style: Style(.header))
        x += b.put(state.0, x: x, y: rect.y, style: Style(state.1).on(.header))
        b.put(count, x: x, y: rect.y, style: Style(.header))
    }
}
