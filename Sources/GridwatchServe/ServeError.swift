import DispatchCore
import EventStore
import HTTPTypes
import Hummingbird

/// Why a request was refused: the HTTP status, and a description that names the problem.
/// Every route answers a refusal as JSON, never an empty body: Open311 routes as the
/// spec's array of `{code, description}`, the work-order routes as `{"errors": [...]}`
/// with the order's current state when a change met a stale version.
public struct ServeError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var description: String
    /// The order as it stands, for a 412 (`{"errors": [...], "order": {...}}`).
    var current: String?
    /// Extra headers: `Allow` on a 405, `Retry-After` on a 429 or 503.
    var headers: [(HTTPField.Name, String)] = []

    init(_ status: HTTPResponse.Status, _ description: String, current: String? = nil, headers: [(HTTPField.Name, String)] = []) {
        self.status = status
        self.description = description
        self.current = current
        self.headers = headers
    }

    static func bad(_ why: String) -> ServeError { ServeError(.badRequest, why) }
    static func forbidden(_ why: String) -> ServeError { ServeError(.forbidden, why) }
    static func notFound(_ why: String) -> ServeError { ServeError(.notFound, why) }

    /// The refusal a store error means for an HTTP caller.
    static func from(_ e: StoreError) -> ServeError {
        switch e {
        case .domain(let d): return from(d)
        case .unavailable(let why), .conflict(let why):
            return ServeError(.serviceUnavailable, "the store is unavailable: \(why)", headers: [(.retryAfter, "2")])
        default:
            return ServeError(.serviceUnavailable, "the store refused the write (\(e.description)); nothing was written",
                              headers: [(.retryAfter, "5")])
        }
    }

    /// The refusal a domain error means: the access policy's is 403, a missing case or unit 404,
    /// a stale version 412, a wrong state 409, anything else about the input 400.
    static func from(_ d: DomainError) -> ServeError {
        switch d {
        case .accessDenied: ServeError(.forbidden, d.description)
        case .unknownCase: ServeError(.notFound, d.description)
        // Only a report names a unit over HTTP: its address_id.
        case .unknownUnit(let code): ServeError(.notFound, "address_id '\(code.prefix(40))' is not a unit code this centre knows")
        case .conflict: ServeError(.preconditionFailed, d.description)
        case .invalidTransition: ServeError(.conflict, d.description)
        default: ServeError(.badRequest, d.description)
        }
    }

    /// The response for a route of `family`.
    func response(_ family: RouteFamily) -> Response {
        let error = JSONText.object([("code", String(status.code)), ("description", JSONText.quote(description))])
        let body: String
        switch family {
        case .open311, .plain: body = "[\(error)]"
        case .api:
            var pairs = [("errors", "[\(error)]")]
            if let current { pairs.append(("order", current)) }
            body = JSONText.object(pairs)
        }
        var r = JSONResponse.make(body, status: status)
        for (name, value) in headers { r.headers[name] = value }
        return r
    }
}

/// Which error shape a route answers with.
enum RouteFamily: Sendable {
    case open311, api, plain
}

/// JSON and text responses, UTF-8, never cached by a proxy.
enum JSONResponse {
    static func make(_ body: String, status: HTTPResponse.Status = .ok, type: String = "application/json; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
