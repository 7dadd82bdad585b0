import TerminalUI
import DispatchCore
import EventStore

/// The text and JSON views of a stored event.
enum EventFormat {
    /// One JSON object: seq, type, at, actor (the account name) and uid (when the record
    /// has one), case (for case events), then the event's fields.
    static func json(_ e: StoredEvent) -> String {
        let actor = ActorName.parse(e.event.actor)
        var pairs: [(String, String)] = [
            ("seq", String(e.seq)), ("type", JSONText.quote(e.type.rawValue)),
            ("at", JSONText.quote(e.event.at.iso8601)), ("actor", JSONText.quote(actor.name)),
        ]
        if let uid = actor.uid { pairs.append(("uid", String(uid))) }
        if let c = e.event.body.caseNumber {
            pairs.append(("case", JSONText.quote(c)))
            pairs.append(("case_version", String(e.caseVersion)))
        }
        pairs.append(("id", JSONText.quote(e.id.uuidString.lowercased())))
        for (k, v) in e.event.body.fields { pairs.append((k, JSONText.value(v))) }
        return JSONText.object(pairs)
    }

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
