import DispatchCore
import EventStore

/// How a case reads over HTTP: as an Open311 service request, and as a department's
/// work order. Built on the store thread, from the model as it stands.
enum CaseViews {
    /// The place's names from the city down: `大连市 / 中山区 / 桃源街道 / ...`.
    static func address(_ code: String, in m: Model) -> String {
        m.path(of: code).reversed().compactMap { m.unit($0)?.name }.joined(separator: " / ")
    }

    /// Who leads the case: `住建局 (agency:housing)` or `桃源街道 (unit:210202001)`.
    static func assignee(_ a: Assignee, in m: Model) -> String {
        switch a {
        case .agency(let id): "\(m.agency(id)?.name ?? id) (\(a))"
        case .centre(let code): "\(m.unit(code)?.name ?? code) (\(a))"
        }
    }

    /// Open311's two statuses: closed once nothing more will be done (closed, archived,
    /// voided, merged); a resolved case stays open until its centre closes it.
    static func status(_ c: CaseRecord) -> String { c.state.isOpen ? "open" : "closed" }

    static func notes(_ c: CaseRecord, in m: Model) -> String {
        var s = "\(c.state.rawValue) \(c.state.zh)"
        if let lead = c.lead, c.state.isInHand { s += "; lead \(assignee(lead, in: m))" }
        if let into = c.mergedInto { s += "; merged into \(into)" }
        if c.supervision != .none { s += "; supervision \(c.supervision.rawValue) \(c.supervision.zh)" }
        return s
    }

    /// One Open311 service request.
    static func request(_ c: CaseRecord, index: Int, in m: Model, store: ServeStore) -> String {
        let null = "null"
        return JSONText.object([
            ("service_request_id", JSONText.quote(c.number)),
            ("status", JSONText.quote(status(c))),
            ("status_notes", JSONText.quote(notes(c, in: m))),
            ("service_name", JSONText.quote("\(c.category.zh) \(c.category.en)")),
            ("service_code", JSONText.quote(c.category.rawValue)),
            ("description", JSONText.quote(c.detail.isEmpty ? c.title : c.detail)),
            ("agency_responsible", c.lead.map { JSONText.quote(assignee($0, in: m)) } ?? JSONText.quote(m.unit(c.owner).map { "\($0.name) (unit:\($0.code))" } ?? c.owner)),
            ("service_notice", JSONText.quote("办结时限 due \(c.dueAt.iso8601)")),
            ("requested_datetime", JSONText.quote(c.reportedAt.iso8601)),
            ("updated_datetime", JSONText.quote(Instant(ms: store.updatedMs(c, index: index)).iso8601)),
            ("expected_datetime", c.state.isOpen ? JSONText.quote(c.dueAt.iso8601) : null),
            ("address", JSONText.quote(address(c.location, in: m))),
            ("address_id", JSONText.quote(c.location)),
            ("zipcode", null), ("lat", null), ("long", null), ("media_url", null),
        ])
    }

    /// One work order, as its agency sees it; `role` is lead or assisting.
    static func order(_ c: CaseRecord, index: Int, role: String, in m: Model, store: ServeStore) -> String {
        JSONText.object([
            ("number", JSONText.quote(c.number)),
            ("version", String(c.version)),
            ("role", JSONText.quote(role)),
            ("state", JSONText.quote(c.state.rawValue)),
            ("state_zh", JSONText.quote(c.state.zh)),
            ("category", JSONText.quote(c.category.rawValue)),
            ("level", JSONText.quote(c.level.rawValue)),
            ("title", JSONText.quote(c.title)),
            ("detail", JSONText.quote(c.detail)),
            ("people", String(c.people)),
            ("location", JSONText.quote(c.location)),
            ("address", JSONText.quote(address(c.location, in: m))),
            ("owner", JSONText.quote(c.owner)),
            ("lead", c.lead.map { JSONText.quote($0.description) } ?? "null"),
            ("assisting", "[" + c.assisting.map { JSONText.quote($0.description) }.joined(separator: ",") + "]"),
            ("reported_at", JSONText.quote(c.reportedAt.iso8601)),
            ("due_at", JSONText.quote(c.dueAt.iso8601)),
            ("overdue", c.state.isInHand && c.dueAt < m.now ? "true" : "false"),
            ("supervision", JSONText.quote(c.supervision.rawValue)),
            ("updated_at", JSONText.quote(Instant(ms: store.updatedMs(c, index: index)).iso8601)),
        ])
    }

    /// The agency's part in a case: lead, assisting, or none.
    static func role(of agency: String, in c: CaseRecord) -> String? {
        if c.lead == .agency(agency) { return "lead" }
        return c.assisting.contains(.agency(agency)) ? "assisting" : nil
    }
}
