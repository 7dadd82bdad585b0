import DispatchCore
import HTTPTypes

/// The service's routes, matched by hand: a path that exists answers a wrong method
/// with 405 and `Allow`, a path that does not with 404, both as JSON.
enum ServeRoute: Sendable, Equatable {
    case healthz, readyz, metrics, openapi
    case services, service(String)
    case requests, request(String)
    case orders, order(String), orderChange(String, Orders.Change)
    case events

    /// The label `/metrics` counts it under (no ids, so the label set stays small).
    var label: String {
        switch self {
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .openapi: "/openapi.json"
        case .services: "/open311/v2/services.json"
        case .service: "/open311/v2/services/{code}.json"
        case .requests: "/open311/v2/requests.json"
        case .request: "/open311/v2/requests/{id}.json"
        case .orders: "/api/v1/orders"
        case .order: "/api/v1/orders/{n}"
        case .orderChange(_, let c): "/api/v1/orders/{n}/\(c.rawValue)"
        case .events: "/api/v1/events"
        }
    }

    var family: RouteFamily {
        switch self {
        case .healthz, .readyz, .metrics, .openapi: .plain
        case .services, .service, .requests, .request: .open311
        case .orders, .order, .orderChange, .events: .api
        }
    }

    /// The error shape for a path no route matches: the API's under /api/, else Open311's.
    static func family(ofUnmatched path: String) -> RouteFamily { path.hasPrefix("/api/") ? .api : .open311 }

    /// The methods the route answers.
    var methods: [HTTPRequest.Method] {
        switch self {
        case .requests: [.get, .post]
        case .orderChange: [.post]
        default: [.get]
        }
    }

    /// The route for `path`, or nil.
    static func match(_ path: String) -> ServeRoute? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        switch parts.count {
        case 1:
            return ["healthz": .healthz, "readyz": .readyz, "metrics": .metrics, "openapi.json": .openapi][parts[0]]
        case 3 where parts[0] == "open311" && parts[1] == "v2":
            return ["services.json": .services, "requests.json": .requests][parts[2]]
        case 4 where parts[0] == "open311" && parts[1] == "v2":
            guard let id = strip(parts[3], ".json") else { return nil }
            return parts[2] == "services" ? .service(id) : parts[2] == "requests" ? .request(CaseRecord.number(typed: id)) : nil
        case 3 where parts[0] == "api" && parts[1] == "v1":
            return parts[2] == "orders" ? .orders : parts[2] == "events" ? .events : nil
        case 4 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "orders" && !parts[3].isEmpty:
            return .order(CaseRecord.number(typed: parts[3]))
        case 5 where parts[0] == "api" && parts[1] == "v1" && parts[2] == "orders" && !parts[3].isEmpty:
            return Orders.Change(rawValue: parts[4]).map { .orderChange(CaseRecord.number(typed: parts[3]), $0) }
        default:
            return nil
        }
    }

    private static func strip(_ s: String, _ suffix: String) -> String? {
        guard s.hasSuffix(suffix), s.count > suffix.count else { return nil }
        return String(s.dropLast(suffix.count))
    }
}
