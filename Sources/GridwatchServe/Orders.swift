import DispatchCore
import EventStore
import Foundation
import HTTPTypes
import Hummingbird

/// The work-order exchange under `/api/v1/`: what is dispatched to the caller's agency,
/// and its sign, return, resolve and note. Every change names the version it was made
/// against (`If-Match`); a stale one gets 412 and the order as it now stands.
enum Orders {
    /// What a change may be.
    enum Change: String, CaseIterable, Sendable {
        case sign, `return`, resolve, note

        func action(_ text: String) -> CaseAction {
            switch self {
            case .sign: .sign(note: text)
            case .return: .return(reason: text)
            case .resolve: .resolve(note: text)
            case .note: .note(text: text)
            }
        }

        /// The body field that carries the text.
        var field: String { self == .return ? "reason" : "note" }

        /// Whether the text is required (a return says why; a note says something).
        var needsText: Bool { self == .return || self == .note }
    }

    /// The agency an agency key acts for; other keys are refused.
    static func agency(of caller: Caller) throws(ServeError) -> String {
        guard caller.key.kind == .agency, let a = caller.key.agency else {
            throw .forbidden("work orders are for agency keys; key \(caller.key.name) is an intake key")
        }
        return a
    }

    /// `GET orders`: newest first, filtered by state, role and `updated_after`, paged.
    static func list(_ f: RequestFields, caller: Caller, store: ServeStore) async throws(ServeError) -> String {
        let agency = try agency(of: caller)
        let states = try f.all("state").map { s throws(ServeError) -> CaseState in
            guard let st = CaseState(rawValue: s) else { throw .bad("state '\(s.prefix(20))' is not one of \(CaseState.allCases.map(\.rawValue).joined(separator: ", "))") }
            return st
        }
        let role = f["role"]
        if let role, role != "lead", role != "assisting" { throw .bad("role must be lead or assisting") }
        let after = try Open311Query.time(f["updated_after"], "updated_after")
        let page = try Open311Query.number(f["page"], "page", default: 1, max: 1_000_000)
        let size = try Open311Query.number(f["page_size"], "page_size", default: 50, max: Open311Query.maxPageSize)
        return try await store.read { s, me throws(ServeError) in
            let m = s.model
            var rows: [String] = [], matched = 0
            for i in m.cases.indices.reversed() {
                let c = m.cases[i]
                guard let r = CaseViews.role(of: agency, in: c), role == nil || role == r,
                      states.isEmpty || states.contains(c.state),
                      after.map({ me.updatedMs(c, index: i) > $0.ms }) ?? true else { continue }
                matched += 1
                if matched > (page - 1) * size, rows.count < size { rows.append(CaseViews.order(c, index: i, role: r, in: m, store: me)) }
            }
            return JSONText.object([
                ("orders", "[" + rows.joined(separator: ",") + "]"),
                ("page", String(page)), ("page_size", String(size)), ("total", String(matched)),
            ])
        }
    }

    /// `GET orders/{n}`: the order and its version as the entity tag.
    static func one(_ number: String, caller: Caller, store: ServeStore) async throws(ServeError) -> Response {
        let agency = try agency(of: caller)
        let (body, version) = try await store.read { s, me throws(ServeError) in try view(number, agency, s.model, me) }
        return tagged(body, version: version)
    }

    /// `POST orders/{n}/{change}`: made against the version `If-Match` names.
    static func change(_ change: Change, _ number: String, _ request: Request, caller: Caller, store: ServeStore, limit: Int) async throws(ServeError) -> Response {
        let agency = try agency(of: caller)
        guard let match = request.headers[.ifMatch] else {
            throw ServeError(.preconditionRequired, "send If-Match with the order's version (its ETag from GET orders/\(number))")
        }
        guard let version = version(match) else { throw .bad("If-Match '\(match.prefix(20))' is not an order version such as \"3\"") }
        let shape = RequestFields.Shape(fields: [change.field, "api_key"], attributes: [])
        let fields = try await RequestFields.body(request, limit: limit, shape: shape)
        try fields.refuseOthers(than: shape.fields)
        let text = fields[change.field] ?? ""
        // What is wrong with the request itself is said before whether its version is current.
        if change.needsText, text.allSatisfy(\.isWhitespace) {
            throw .bad("\(change.field) is required in the body to \(change.rawValue) an order (form or JSON: {\"\(change.field)\": \"...\"})")
        }
        guard text.count <= FieldLimits.note, text.utf8.count <= FieldLimits.note * 4 else {
            throw .bad("\(change.field) is longer than \(FieldLimits.note) characters")
        }
        let command = Command.act(change.action(text), on: number, expectedVersion: version)
        // The version is compared and the change made in one turn of the store thread,
        // so two requests of this service cannot interleave between the two; a writer
        // elsewhere is caught by the domain's own version check.
        let (body, v) = try await store.read { s, me throws(ServeError) in
            let m = s.model
            if let c = m.case(number), c.version != version {
                var e = ServeError.from(DomainError.conflict(case: number, expected: version, actual: c.version))
                e.current = try? view(number, agency, m, me, anyRole: true).0
                throw e
            }
            do throws(StoreError) { me.note(try s.execute([command], as: caller.acting, rejected: nil), in: s.model) } catch {
                var e = ServeError.from(error)
                if e.status == .preconditionFailed { e.current = try? view(number, agency, s.model, me, anyRole: true).0 }
                throw e
            }
            return try view(number, agency, s.model, me, anyRole: true)
        }
        return tagged(body, version: v)
    }

    /// After a change (`anyRole`), the order is shown even if it is no longer the
    /// agency's: a returned order goes back to the centre, and the answer says so.
    private static func view(_ number: String, _ agency: String, _ m: Model, _ store: ServeStore, anyRole: Bool = false) throws(ServeError) -> (String, Int) {
        guard let i = m.caseIndex(of: number), let role = CaseViews.role(of: agency, in: m.cases[i]) ?? (anyRole ? "none" : nil) else {
            throw .notFound("order \(number.prefix(40)) was not found among those dispatched to agency \(agency)")
        }
        return (CaseViews.order(m.cases[i], index: i, role: role, in: m, store: store), m.cases[i].version)
    }

    private static func tagged(_ body: String, version: Int) -> Response {
        var r = JSONResponse.make(body)
        r.headers[.eTag] = "\"\(version)\""
        return r
    }

    /// `"3"`, `W/"3"` or `3`.
    static func version(_ header: String) -> Int? {
        var s = Substring(header.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("W/") { s = s.dropFirst(2) }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = s.dropFirst().dropLast() }
        return Int(s).flatMap { $0 >= 0 ? $0 : nil }
    }
}
