import DispatchCore
import EventStore

/// `GET requests.json` and `GET requests/{id}.json`: the requests a caller may see (an
/// intake key: those in its unit's subtree; an agency key: those dispatched to it),
/// newest first, with the spec's filters and the paging real deployments added.
enum Open311Query {
    struct Filter: Sendable {
        var ids: [String] = []
        var codes: Set<String> = []
        var statuses: Set<String> = []
        var since = Instant(ms: 0)
        var until = Instant(ms: 0)
        var updatedAfter: Instant?
        var page = 1
        var pageSize = 50
    }

    /// The longest window `start_date`..`end_date` may span, as the spec says.
    static let maxSpanMs: Int64 = 90 * 86_400_000
    static let maxPageSize = 1000

    /// The filter a query string asks for; times in w3 format with a zone, as the spec requires.
    static func filter(_ f: RequestFields, now: Instant) throws(ServeError) -> Filter {
        var out = Filter()
        out.ids = f.all("service_request_id")
        for code in f.all("service_code") {
            guard Category(rawValue: code) != nil else { throw .notFound("service_code '\(code.prefix(40))' was not found") }
            out.codes.insert(code)
        }
        for s in f.all("status") {
            guard s == "open" || s == "closed" else { throw .bad("status must be open or closed, not '\(s.prefix(20))'") }
            out.statuses.insert(s)
        }
        let start = try time(f["start_date"], "start_date"), end = try time(f["end_date"], "end_date")
        out.until = end ?? (start.map { Instant(ms: $0.ms + maxSpanMs) } ?? now)
        out.since = start ?? Instant(ms: out.until.ms - maxSpanMs)
        guard out.since <= out.until else { throw .bad("start_date is after end_date") }
        guard out.until.ms - out.since.ms <= maxSpanMs else { throw .bad("start_date to end_date spans more than 90 days") }
        out.updatedAfter = try time(f["updated_after"], "updated_after")
        out.page = try number(f["page"], "page", default: 1, max: 1_000_000)
        out.pageSize = try number(f["page_size"], "page_size", default: 50, max: maxPageSize)
        return out
    }

    /// The JSON array of matching requests.
    static func list(_ filter: Filter, caller: Caller, store: ServeStore) async throws(ServeError) -> String {
        try await store.read { s, me throws(ServeError) in
            let m = s.model, check = caller.check
            var rows: [String] = []
            if !filter.ids.isEmpty {
                // The ids override every other argument, as the spec says.
                for id in filter.ids.prefix(maxPageSize) {
                    guard let i = m.caseIndex(of: id), check.canSee(m.cases[i], in: m) else { continue }
                    rows.append(CaseViews.request(m.cases[i], index: i, in: m, store: me))
                }
                return "[" + rows.joined(separator: ",") + "]"
            }
            let skip = (filter.page - 1) * filter.pageSize
            var matched = 0
            // `until` is inclusive: the window ends one millisecond after it.
            for r in m.casesReported(since: filter.since, until: Instant(ms: filter.until.ms + 1)).reversed() {
                let i = Int(r.index), c = m.cases[i]
                guard matches(c, index: i, filter, me), check.canSee(c, in: m) else { continue }
                matched += 1
                if matched > skip { rows.append(CaseViews.request(c, index: i, in: m, store: me)) }
                if rows.count == filter.pageSize { break }
            }
            return "[" + rows.joined(separator: ",") + "]"
        }
    }

    /// One request, as a one-element array; 404 for one the caller may not see, so that
    /// a key cannot learn which numbers exist outside its scope.
    static func one(_ id: String, caller: Caller, store: ServeStore) async throws(ServeError) -> String {
        try await store.read { s, me throws(ServeError) in
            let m = s.model
            guard let i = m.caseIndex(of: id), caller.check.canSee(m.cases[i], in: m) else {
                throw .notFound("service_request_id '\(id.prefix(40))' was not found")
            }
            return "[" + CaseViews.request(m.cases[i], index: i, in: m, store: me) + "]"
        }
    }

    private static func matches(_ c: CaseRecord, index: Int, _ f: Filter, _ store: ServeStore) -> Bool {
        if !f.codes.isEmpty, !f.codes.contains(c.category.rawValue) { return false }
        if !f.statuses.isEmpty, !f.statuses.contains(CaseViews.status(c)) { return false }
        if let after = f.updatedAfter, store.updatedMs(c, index: index) <= after.ms { return false }
        return true
    }

    static func time(_ s: String?, _ name: String) throws(ServeError) -> Instant? {
        guard let s else { return nil }
        guard let t = ISOTime.parse(s) else { throw .bad("\(name) '\(s.prefix(40))' is not a w3 date-time with a zone, such as 2026-12-01T00:00:00Z") }
        return t
    }

    static func number(_ s: String?, _ name: String, default d: Int, max: Int) throws(ServeError) -> Int {
        guard let s else { return d }
        guard let n = Int(s), n >= 1, n <= max else { throw .bad("\(name) must be a whole number from 1 to \(max)") }
        return n
    }
}
