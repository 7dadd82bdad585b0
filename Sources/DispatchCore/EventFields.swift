/// A field value for the JSON and text views of an event.
public enum FieldValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case strings([String])
}

extension EventBody {
    /// The event's own fields, named as `events --json` prints them.
    public var fields: [(String, FieldValue)] {
        switch self {
        case .unitRegistered(let u):
            var f: [(String, FieldValue)] = [("code", .string(u.code)), ("name", .string(u.name)), ("tier", .string(u.tier.rawValue))]
            if let p = u.parent { f.append(("parent", .string(p))) }
            return f
        case .agencyRegistered(let a):
            return [("id", .string(a.id)), ("name", .string(a.name)), ("name_en", .string(a.nameEn)), ("kind", .string(a.kind.rawValue))]
        case .caseReported(let r):
            return [("category", .string(r.category.rawValue)), ("level", .string(r.level.rawValue)),
                    ("source", .string(r.source.rawValue)), ("unit", .string(r.location)), ("title", .string(r.title)),
                    ("detail", .string(r.detail)), ("reporter", .string(r.reporter)), ("people", .int(r.people)),
                    ("external_id", .string(r.externalId)), ("reported_at", .string(r.reportedAt.iso8601)),
                    ("owner", .string(r.owner)), ("accept_by", .string(r.acceptBy.iso8601)), ("due", .string(r.dueAt.iso8601))]
        case .caseAccepted(_, let note), .caseSigned(_, let note), .caseResolved(_, let note), .caseClosed(_, let note),
             .caseNoted(_, let note):
            return [("note", .string(note))]
        case .caseVoided(_, let reason), .caseReturned(_, let reason):
            return [("reason", .string(reason))]
        case .caseDispatched(_, let lead, let assisting, let due, let text), .caseReassigned(_, let lead, let assisting, let due, let text):
            let key = type == .caseDispatched ? "note" : "reason"
            return [("to", .string(lead.description)), ("assisting", .strings(assisting.map(\.description))),
                    ("due", .string(due.iso8601)), (key, .string(text))]
        case .caseEscalated(_, let to, let reason), .caseSentDown(_, let to, let reason):
            return [("to", .string(to)), ("reason", .string(reason))]
        case .caseSupervised(_, let level, let note):
            return [("level", .string(level.rawValue)), ("note", .string(note))]
        case .deadlineExtended(_, let due, let reason):
            return [("due", .string(due.iso8601)), ("reason", .string(reason))]
        case .followUpRecorded(_, let outcome, let note):
            return [("outcome", .string(outcome.rawValue)), ("note", .string(note))]
        case .caseReopened(_, let due, let reason):
            return [("due", .string(due.iso8601)), ("reason", .string(reason))]
        case .caseMerged(_, let into, let note):
            return [("into", .string(into)), ("note", .string(note))]
        case .warningRaised(let w):
            return [("rule", .string(w.rule.rawValue)), ("cases", .strings(w.cases)), ("unit", .string(w.unit)),
                    ("episode", .string(w.episode)), ("note", .string(w.note))]
        case .unitRenamed(let code, let name):
            return [("unit", .string(code)), ("name", .string(name))]
        case .unitRetired(let code, let reason):
            return [("unit", .string(code)), ("reason", .string(reason))]
        case .unitMoved(let code, let parent):
            return [("unit", .string(code)), ("parent", .string(parent))]
        case .agencyRenamed(let id, let name, let en):
            return [("agency", .string(id)), ("zh", .string(name)), ("en", .string(en))]
        case .agencyRetired(let id, let reason):
            return [("agency", .string(id)), ("reason", .string(reason))]
        case .accessDenied(let d):
            // Who and their uid are the event's actor (the same account).
            return [("role", .string(d.roles)), ("action", .string(d.action)), ("case", .string(d.caseNumber)), ("reason", .string(d.reason))]
        }
    }
}
