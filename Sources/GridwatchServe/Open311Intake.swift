import DispatchCore
import EventStore
import Foundation
import HTTPTypes
import Hummingbird

/// `POST requests.json`: a department's report becomes a case, answered with its number
/// only once the record is durable. A retry (the same `attribute[external_id]`, or the
/// same `Idempotency-Key` header) answers the first case and records nothing new.
enum Open311Intake {
    /// What a JSON request may hold: the spec's fields, and the service definition's attributes.
    static let shape = RequestFields.Shape(
        fields: ["api_key", "jurisdiction_id", "service_code", "address_id", "description", "first_name", "last_name", "phone",
                 "email", "account_id", "device_id", "address_string", "media_url", "lat", "long"],
        attributes: ["level", "title", "people", "request_type", "external_id"],
        numeric: ["lat", "long", "attribute[people]"])

    typealias Outcome = ServeStore.Reported

    /// The new case a request describes, or the 4xx that names what is wrong with it.
    static func newCase(_ f: RequestFields, caller: Caller, idempotencyKey: String?) throws(ServeError) -> NewCase {
        // A misspelt field (attribute[extrnal_id]) would otherwise be dropped without a word.
        try f.refuseOthers(than: shape.fields.union(shape.attributes.map { "attribute[\($0)]" }))
        guard let code = f["service_code"] else { throw .bad("service_code is required (GET services.json lists them)") }
        guard let category = Category(rawValue: code) else { throw .notFound("service_code '\(code.prefix(40))' was not found (GET services.json lists them)") }
        guard let unit = f["address_id"] else {
            let other = f["address_string"] != nil || f["lat"] != nil || f["long"] != nil
            throw .bad(other ? "give address_id, the code of the grid or village (free-text addresses and coordinates are not matched to units)"
                             : "a location is required: address_id, the code of the grid or village")
        }
        guard let levelText = f.attribute("level") else { throw .bad("attribute[level] is required: red, orange, yellow or blue") }
        guard let level = RiskLevel.parse(levelText) else { throw .bad("attribute[level] '\(levelText.prefix(20))' is not red, orange, yellow or blue") }
        let description = f["description"] ?? ""
        guard description.utf8.count <= FieldLimits.detail * 4, description.count <= FieldLimits.detail else {
            throw .bad("description is longer than \(FieldLimits.detail) characters")
        }
        let title = try title(f.attribute("title"), description)
        var detail = description
        if let t = f.attribute("request_type") {
            guard let type = Open311Catalog.requestTypes.first(where: { $0.key == t || $0.zh == t }) else {
                throw .bad("attribute[request_type] '\(t.prefix(20))' is not one of \(Open311Catalog.requestTypes.map(\.key).joined(separator: ", "))")
            }
            detail = "【\(type.zh)】" + detail
        }
        var people = 0
        if let p = f.attribute("people") {
            guard let n = Int(p), (0...FieldLimits.people).contains(n) else { throw .bad("attribute[people] must be a whole number from 0 to \(FieldLimits.people)") }
            people = n
        }
        if let k = idempotencyKey, k.count > externalIdLimit || k.utf8.count > externalIdLimit * 4 {
            throw .bad("Idempotency-Key is over \(externalIdLimit) characters")
        }
        if let k = idempotencyKey, !k.isEmpty, let id = f.attribute("external_id"), id != k {
            throw .bad("Idempotency-Key and attribute[external_id] differ: send one of them (they name the same thing)")
        }
        return NewCase(category: category, level: level, source: .platform, location: unit, title: title, detail: detail,
                       reporter: reporter(f), people: people,
                       externalId: try externalId(f.attribute("external_id") ?? idempotencyKey, caller: caller))
    }

    /// The response: 201 for a new case, 200 (and `Idempotent-Replayed`) for a retry.
    static func response(_ o: Outcome) -> Response {
        let body = "[" + JSONText.object([
            ("service_request_id", JSONText.quote(o.number)),
            ("service_notice", JSONText.quote("已登记 recorded; 办结时限 due \(o.dueAt.iso8601)")),
            ("account_id", "null"),
        ]) + "]"
        var r = JSONResponse.make(body, status: o.replayed ? .ok : .created)
        if o.replayed { r.headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
        return r
    }

    private static func title(_ given: String?, _ description: String) throws(ServeError) -> String {
        if let given {
            guard given.count <= FieldLimits.title, given.utf8.count <= FieldLimits.title * 4 else { throw .bad("attribute[title] is longer than \(FieldLimits.title) characters") }
            return given
        }
        let lines = description.split(whereSeparator: \.isNewline)
        guard let line = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { throw .bad("a description (or attribute[title]) is required") }
        let firstLine = line.trimmingCharacters(in: .whitespaces)
        return firstLine.count > 60 ? String(firstLine.prefix(59)) + "…" : firstLine
    }

    private static func reporter(_ f: RequestFields) -> String {
        var parts = [f["first_name"], f["last_name"]].compactMap { $0 }
        if let phone = f["phone"] { parts.append("tel \(phone)") }
        if parts.isEmpty, let who = f["email"] ?? f["account_id"] { parts.append(who) }
        let s = parts.joined(separator: " ")
        return s.count > FieldLimits.reporter ? String(s.prefix(FieldLimits.reporter)) : s
    }

    /// The longest id a sender may give (its key's name goes in front, within the
    /// domain's limit of \(FieldLimits.externalId)).
    static let externalIdLimit = 60

    /// The sender's id, under the key's name, so two platforms' ids never collide.
    private static func externalId(_ id: String?, caller: Caller) throws(ServeError) -> String {
        guard let id, !id.isEmpty else { return "" }
        guard id.count <= externalIdLimit, id.utf8.count <= externalIdLimit * 4 else {
            throw .bad("the external id (attribute[external_id] or Idempotency-Key) is over \(externalIdLimit) characters")
        }
        return "\(caller.key.name):\(id)"
    }
}
