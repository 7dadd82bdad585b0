/// One alert line of JSON Lines intake, turned into a `NewCase`.
///
/// Fields: `unit`, `category`, `level`, `title` (required); `detail`, `source` (default
/// `platform`), `reporter`, `people`, `external_id`, `reported_at` (optional). Unknown
/// fields are refused, so a misspelt field is never silently dropped.
public enum IntakeLine {
    /// Field names intake accepts.
    public static let knownFields: Set<String> = [
        "unit", "category", "level", "title", "detail", "source", "reporter", "people", "external_id", "reported_at",
    ]

    /// Parses one line (without its newline; a trailing CR is ignored). With a `clock`
    /// (the time now and the host's offset from UTC), `reported_at` takes every form
    /// `raise --reported-at` takes: ISO 8601, local `YYYY-MM-DD HH:MM`, or relative.
    public static func parse(_ line: ArraySlice<UInt8>, clock: (now: Instant, utcOffsetSeconds: Int)? = nil) throws(DomainError) -> NewCase {
        var bytes = Array(line)
        if bytes.last == 0x0D { bytes.removeLast() }
        let fields = try FlatJSON.parseObject(bytes)
        var map: [String: JSONScalar] = [:]
        for (k, v) in fields {
            guard knownFields.contains(k) else { throw .invalidIntake("unknown field '\(k.prefix(40))'") }
            map[k] = v
        }
        func text(_ k: String, required: Bool = false) throws(DomainError) -> String {
            switch map[k] {
            case .string(let s)?:
                guard !s.unicodeScalars.contains("\u{0}") else { throw .invalidIntake("field '\(k)' contains a NUL character") }
                return s
            case nil, .null?:
                if required { throw .invalidIntake("missing field '\(k)'") }
                return ""
            default: throw .invalidIntake("field '\(k)' must be a string")
            }
        }
        let unit = try text("unit", required: true)
        let cat = try text("category", required: true)
        guard let category = Category.parse(cat) else {
            throw .invalidIntake("unknown category '\(cat.prefix(40))' (use one of \(Category.codeList))")
        }
        let lvl = try text("level", required: true)
        guard let level = RiskLevel.parse(lvl) else { throw .invalidIntake("unknown level '\(lvl.prefix(40))' (use red, orange, yellow or blue)") }
        let src = try text("source")
        guard let source = src.isEmpty ? .platform : Source.parse(src) else {
            throw .invalidIntake("unknown source '\(src.prefix(40))' (use one of \(Source.codeList))")
        }
        var people = 0
        switch map["people"] {
        case nil, .null?: break
        case .number(let n)?:
            guard let v = Int(n), (0...FieldLimits.people).contains(v) else {
                throw .invalidIntake("people must be a whole number from 0 to \(FieldLimits.people)")
            }
            people = v
        default: throw .invalidIntake("people must be a number")
        }
        var reportedAt: Instant?
        let at = try text("reported_at")
        if !at.isEmpty {
            let t = clock.map { TimeInput.parse(at, now: $0.now, utcOffsetSeconds: $0.utcOffsetSeconds) } ?? ISOTime.parse(at)
            guard let t else {
                throw .invalidIntake("reported_at '\(at.prefix(40))' is not a time (ISO 8601, YYYY-MM-DD HH:MM, or relative such as -2h)")
            }
            reportedAt = t
        }
        return NewCase(category: category, level: level, source: source, location: unit,
                       title: try text("title", required: true), detail: try text("detail"),
                       reporter: try text("reporter"), people: people, externalId: try text("external_id"),
                       reportedAt: reportedAt)
    }
}
