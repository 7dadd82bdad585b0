import TerminalUI
import DispatchCore
import EventStore

/// The text and JSON views of a stored event.
enum EventFormat {
    /// One JSON object (see `EventJSON`).
    static func json(_ e: StoredEvent) -> String { EventJSON.object(e) }

    /// One line for people: seq, time, actor, type, case, then key=value fields (made inert).
    static func text(_ e: StoredEvent) -> String {
        var parts = [String(e.seq), e.event.at.iso8601, e.event.actor, e.type.rawValue]
        if let c = e.event.body.caseNumber { parts.append(c) }
        for (k, v) in e.event.body.fields {
            switch v {
            case .string(let s) where s.isEmpty: continue
            case .strings(let a) where a.isEmpty: continue
            case .string(let s): parts.append("\(k)=\(s)")
            case .int(let n): parts.append("\(k)=\(n)")
            case .strings(let a): parts.append("\(k)=\(a.joined(separator: ","))")
            }
        }
        return Sanitizer.inert(parts.joined(separator: "  "))
    }
}
