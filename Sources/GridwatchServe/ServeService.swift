import DispatchCore
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TerminalUI

/// The limits a production service needs, each with a default an operator can change.
public struct ServeSettings: Sendable {
    /// Largest request body accepted (413 beyond it).
    public var bodyLimit = 64 * 1024
    /// Seconds a connection may sit idle before it is closed.
    public var idleTimeout: Int64 = 30
    /// Seconds a client has to send a whole request (head and body) once it may: a
    /// client trickling bytes is cut off, however often it sends one.
    public var requestTimeout: Int64 = 30
    /// Requests a second per key on average (0: no limit), and the burst allowed.
    public var ratePerSecond = 50.0
    public var rateBurst = 100.0
    /// Longest long poll of `GET /api/v1/events` (seconds).
    public var maxWait = 30

    /// The defaults.
    public init() {}
}

/// `gridwatch serve`: answers every request from one store, for callers named by keys.
public final class ServeService: Sendable {
    let store: ServeStore
    let callers: CallerTable
    let settings: ServeSettings
    let limiter: RateLimiter
    let metrics = ServeMetrics()
    let logger: Logger

    /// A service over `store` (taken over: use it only through the service from now on).
    public init(store: any CaseStore, callers: CallerTable, settings: ServeSettings, logger: Logger) async throws(ServeError) {
        self.store = try await ServeStore(store)
        self.callers = callers
        self.settings = settings
        self.limiter = RateLimiter(perSecond: settings.ratePerSecond, burst: settings.rateBurst)
        self.logger = logger
    }

    /// Answers one request; every failure becomes a JSON 4xx or 503, never an empty 500.
    func respond(_ request: Request, peer: String = "-") async -> Response {
        let started = ContinuousClock.now
        let route = ServeRoute.match(request.uri.path)
        var who = "-"
        let response: Response
        do {
            guard let route else { throw ServeError.notFound("no such resource: \(inert(request.uri.path, max: 80)) (see /openapi.json)") }
            guard route.methods.contains(request.method) else {
                throw ServeError(.methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(route.methods.map(\.rawValue).joined(separator: " or "))",
                                 headers: [(.allow, route.methods.map(\.rawValue).joined(separator: ", "))])
            }
            response = try await handle(route, request, peer: peer, who: &who)
        } catch let e as ServeError {
            response = e.response(route?.family ?? ServeRoute.family(ofUnmatched: request.uri.path))
        } catch {
            response = ServeError(.badRequest, "the request could not be read: \(error)").response(route?.family ?? ServeRoute.family(ofUnmatched: request.uri.path))
        }
        let took = ContinuousClock.now - started
        metrics.request(route: route?.label ?? "unmatched", method: request.method.rawValue, status: response.status.code, took: took)
        // The path only: a query string may carry an api_key.
        logger.info("access peer=\(peer) method=\(request.method.rawValue) path=\(inert(request.uri.path)) status=\(response.status.code) ms=\(took.wholeMilliseconds) caller=\(who)")
        return response
    }

    private func handle(_ route: ServeRoute, _ request: Request, peer: String, who: inout String) async throws(ServeError) -> Response {
        switch route {
        case .healthz: return JSONResponse.make("{\"status\":\"ok\"}")
        case .readyz: return try await ready()
        case .metrics:
            return JSONResponse.make(metrics.text(headSeq: store.head.load(ordering: .relaxed), lagSeconds: store.secondsSinceRead),
                                     type: "text/plain; version=0.0.4; charset=utf-8")
        case .openapi: return JSONResponse.make(OpenAPIDocument.text)
        case .services:
            try limit("peer:\(peer)")
            return JSONResponse.make(Open311Catalog.list())
        case .service(let code):
            try limit("peer:\(peer)")
            guard let d = Open311Catalog.definition(code) else { throw .notFound("service_code '\(code.prefix(40))' was not found") }
            return JSONResponse.make(d)
        default:
            return try await handleCalled(route, request, peer: peer, who: &who)
        }
    }

    /// Routes that need a key.
    private func handleCalled(_ route: ServeRoute, _ request: Request, peer: String, who: inout String) async throws(ServeError) -> Response {
        let query = try RequestFields.query(request)
        let body = request.method == .post && route == .requests
            ? try await RequestFields.body(request, limit: settings.bodyLimit, shape: Open311Intake.shape) : RequestFields()
        let caller = try authenticate(request, query, body, peer: peer)
        who = caller.key.name
        try limit(caller.key.name)
        switch route {
        case .requests where request.method == .post:
            let new = try Open311Intake.newCase(body, caller: caller, idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!])
            let started = ContinuousClock.now
            let outcome = try await store.report(new, as: caller.acting)
            if !outcome.replayed { metrics.append(took: ContinuousClock.now - started) }
            return Open311Intake.response(outcome)
        case .requests:
            let f = try Open311Query.filter(query, now: Instant(Date()))
            return JSONResponse.make(try await Open311Query.list(f, caller: caller, store: store))
        case .request(let id):
            return JSONResponse.make(try await Open311Query.one(id, caller: caller, store: store))
        case .orders:
            return JSONResponse.make(try await Orders.list(query, caller: caller, store: store))
        case .order(let n):
            return try await Orders.one(n, caller: caller, store: store)
        case .orderChange(let n, let change):
            let started = ContinuousClock.now
            let r = try await Orders.change(change, n, request, caller: caller, store: store, limit: settings.bodyLimit)
            metrics.append(took: ContinuousClock.now - started)
            return r
        case .events:
            return try await EventFeed.respond(query, caller: caller, store: store, maxWait: settings.maxWait)
        default:
            throw .notFound("no such resource")
        }
    }

    /// The caller a request's key names: `Authorization: Bearer KEY`, or `api_key`.
    /// A request without a valid key is limited by its peer's address, so guessing keys is slow.
    private func authenticate(_ request: Request, _ query: RequestFields, _ body: RequestFields, peer: String) throws(ServeError) -> Caller {
        var key = body["api_key"] ?? query["api_key"]
        if let auth = request.headers[.authorization] {
            guard auth.lowercased().hasPrefix("bearer ") else {
                try limit("peer:\(peer)")
                throw .forbidden("the Authorization header must be 'Bearer KEY'")
            }
            key = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        guard let key else {
            try limit("peer:\(peer)")
            throw .forbidden("an API key is required: send api_key, or Authorization: Bearer KEY")
        }
        guard let caller = callers.caller(presenting: key) else {
            try limit("peer:\(peer)")
            throw .forbidden("the API key is not valid")
        }
        return caller
    }

    private func limit(_ who: String) throws(ServeError) {
        if let wait = limiter.take(who) {
            throw ServeError(.tooManyRequests, "too many requests from \(who); try again in \(wait) s", headers: [(.retryAfter, String(wait))])
        }
    }

    /// Ready when the store answers a read now.
    private func ready() async throws(ServeError) -> Response {
        do { try await store.refreshNow() } catch {
            throw ServeError(.serviceUnavailable, "not ready: \(error.description)", headers: [(.retryAfter, "2")])
        }
        return JSONResponse.make(JSONText.object([("status", "\"ready\""), ("head", String(store.head.load(ordering: .relaxed)))]))
    }
}

extension Swift.Duration {
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

/// Request text, cut to `max` characters and made inert (controls as visible escapes),
/// as a log line or an error may show it.
func inert(_ s: some StringProtocol, max: Int = 120) -> String {
    Sanitizer.inert(String(s.prefix(max)))
}
