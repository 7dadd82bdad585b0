import DispatchCore

/// Minimal JSON writing for `events --json` and the HTTP service: strings are escaped
/// so the output stays inert even when printed on a terminal (all controls, DEL, C1
/// and bidi as `\u` escapes).
public enum JSONText {
    /// A JSON string.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// An event field's JSON value.
    public static func value(_ v: FieldValue) -> String {
        switch v {
        case .string(let s): quote(s)
        case .int(let n): String(n)
        case .strings(let a): "[" + a.map(quote).joined(separator: ",") + "]"
        }
    }

    /// An object from ordered key/value pairs.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}

/// The JSON object of one stored event, as `events --json` and `GET /api/v1/events` print it.
public enum EventJSON {
    /// One JSON object: seq, type, at, actor (the account name) and uid (when the record
    /// has one), case (for case events), then the event's fields.
    public static func object(_ e: StoredEvent) -> String {
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
}
