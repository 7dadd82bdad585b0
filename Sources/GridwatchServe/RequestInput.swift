import Foundation
import Hummingbird

/// The fields of a request, from its query string or its body, checked before any use:
/// valid UTF-8, a known content type, a flat shape. Anything else is a 4xx naming it.
struct RequestFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    /// The first value of `name`, or nil (an empty value counts as absent, as the spec says).
    subscript(_ name: String) -> String? {
        pairs.first { $0.0 == name && !$0.1.isEmpty }?.1
    }

    /// The `attribute[code]` values.
    func attribute(_ code: String) -> String? { self["attribute[\(code)]"] }

    /// Every value of `name`, comma lists split (Open311 lists repeat a name or use commas).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.flatMap { $0.1.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }

    mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }

    /// Refuses a field not in `names`, for bodies whose fields are closed.
    func refuseOthers(than names: Set<String>) throws(ServeError) {
        if let other = pairs.first(where: { !names.contains($0.0) }) {
            let what = other.0.hasPrefix("attribute[") ? "unknown attribute" : "unknown field"
            throw .bad("\(what) '\(inert(other.0, max: 40))' (expected one of \(names.sorted().joined(separator: ", ")))")
        }
    }

    /// The query string's fields.
    static func query(_ request: Request) throws(ServeError) -> RequestFields {
        guard let q = request.uri.query, !q.isEmpty else { return RequestFields() }
        return try form(Array(q.utf8), what: "query string")
    }

    /// An `application/x-www-form-urlencoded` body (or query string).
    static func form(_ bytes: [UInt8], what: String = "form body") throws(ServeError) -> RequestFields {
        var out = RequestFields()
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let kv = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(Array(kv[0]), what)
            let value = kv.count > 1 ? try decode(Array(kv[1]), what) : ""
            out.add(name, value)
        }
        return out
    }

    /// Percent-decodes one form component (`+` is a space) into checked UTF-8 text.
    private static func decode(_ raw: [UInt8], _ what: String) throws(ServeError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            switch raw[i] {
            case UInt8(ascii: "+"): bytes.append(0x20); i += 1
            case UInt8(ascii: "%"):
                guard i + 2 < raw.count, let hi = hex(raw[i + 1]), let lo = hex(raw[i + 2]) else {
                    throw .bad("the \(what) has a broken percent escape")
                }
                bytes.append(hi << 4 | lo); i += 3
            default: bytes.append(raw[i]); i += 1
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw .bad("the \(what) is not valid UTF-8") }
        return s
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The fields a JSON body may hold: nil for any (values that are not scalars are
    /// then skipped); else an unknown field is refused, as the OpenAPI document's
    /// closed objects promise.
    struct Shape: Sendable {
        var fields: Set<String>
        var attributes: Set<String>
        /// Fields (and `attribute[code]`s) that may be numbers; every other must be a string.
        var numeric: Set<String> = []
    }

    /// A JSON object body: scalars at the top, and `attribute` as an object of scalars
    /// (or `attribute[code]` keys, as in a form). Deeper nesting is refused before the
    /// parser ever sees it, so a hostile body cannot exhaust the stack.
    static func json(_ bytes: [UInt8], shape: Shape? = nil) throws(ServeError) -> RequestFields {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .bad("the JSON body is not valid UTF-8") }
        guard nesting(bytes) <= 2 else { throw .bad("the JSON body nests too deeply: send an object of fields, with attribute as an object of values") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw .bad("the JSON body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .bad("the JSON body must be an object of fields") }
        var out = RequestFields()
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if name == "attribute" {
                guard let attrs = value as? [String: Any] else { throw .bad("attribute must be an object of values, such as {\"level\": \"red\"}") }
                for (code, v) in attrs.sorted(by: { $0.key < $1.key }) {
                    if let shape, !shape.attributes.contains(code) { throw .bad("unknown attribute '\(inert(code, max: 40))' (GET services/{code}.json lists them)") }
                    out.add("attribute[\(code)]", try scalar(v, "attribute \(code)", shape.map { $0.numeric.contains("attribute[\(code)]") }))
                }
                continue
            }
            if let shape, !shape.fields.contains(name) {
                let hint = name.hasPrefix("attribute[") ? " (in JSON, attributes go in an object: {\"attribute\": {\"level\": \"red\"}})" : ""
                throw .bad("unknown field '\(inert(name, max: 40))'\(hint)")
            }
            guard shape != nil || value is String || value is NSNumber else { continue }
            out.add(name, try scalar(value, name, shape.map { $0.numeric.contains(name) }))
        }
        return out
    }

    /// A field's value as text. With a shape (`number` is then non-nil) the value must
    /// have the documented type: a string, or for a numeric field a number or a string.
    private static func scalar(_ v: Any, _ name: String, _ number: Bool? = nil) throws(ServeError) -> String {
        switch v {
        case let s as String: return s
        case is NSNull where number == nil: return ""
        case let n as NSNumber where number != false: return n.stringValue
        default: throw .bad("field \(inert(name, max: 40)) must be \(number == true ? "a number" : number == false ? "a string" : "a string or a number")")
        }
    }

    /// The deepest nesting of arrays and objects, counted outside strings.
    static func nesting(_ bytes: [UInt8]) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The body's fields: a form or a JSON object, by its content type, at most `limit` bytes.
    static func body(_ request: Request, limit: Int, shape: Shape? = nil) async throws(ServeError) -> RequestFields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let bytes = try await read(request, limit: limit)
        if bytes.isEmpty { return RequestFields() }
        if type.hasPrefix("application/x-www-form-urlencoded") { return try form(bytes) }
        if type.hasPrefix("application/json") { return try json(bytes, shape: shape) }
        throw ServeError(.unsupportedMediaType, "send application/x-www-form-urlencoded or application/json, not '\(type.prefix(60))'")
    }

    /// The body's bytes, refusing more than `limit` before reading them all.
    static func read(_ request: Request, limit: Int) async throws(ServeError) -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServeError(.contentTooLarge, "the body is \(length) bytes; the limit is \(limit)")
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw ServeError(.contentTooLarge, "the body is over the limit of \(limit) bytes")
        }
    }
}
