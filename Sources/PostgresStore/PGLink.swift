import EventStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the server, used synchronously: each call blocks the calling
/// thread (never an event loop; see `CaseFeed`) until the server answers, and a lost
/// connection is made again on the next call.
final class PGLink {
    /// postgres-nio's event loops: one thread, for the life of the process.
    static let group: any EventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let location: PostgresLocation
    private var connection: PostgresConnection?
    private let logger = Logger(label: "gridwatch.postgres")
    private static let ids = ManagedIDs()

    init(_ location: PostgresLocation) { self.location = location }

    deinit { drop() }

    /// How long a statement may go unanswered before the connection is taken for dead.
    /// A host whose link went down sends no reset, and TCP would wait a quarter of an
    /// hour before saying so; a console must show the loss long before that.
    var timeout: Double = 10

    /// Runs `query` and returns its rows; gives up after `timeout` seconds, or `seconds`.
    @discardableResult
    func query(_ query: PostgresQuery, seconds: Double? = nil) throws(PGFailure) -> [PostgresRow] {
        let c = try connect()
        do {
            return try PGLink.wait(c.query(query, logger: logger), seconds: seconds ?? timeout, what: "the statement") {
                c.closeSoon()
            }.rows
        } catch {
            let f = PGFailure(error, location)
            if case .lost = f { drop() }
            throw f
        }
    }

    /// The value of `future`, or `PGTimeout` after `seconds`, when `giveUp` runs (it
    /// should close the connection, which fails the future for anyone else waiting).
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, seconds: Double, what: String, giveUp: () -> Void) throws -> T {
        let box = ResultBox<T>()
        future.whenComplete { box.set($0) }
        guard box.done.wait(timeout: .now() + seconds) == .success else {
            giveUp()
            throw PGTimeout(what: what, seconds: seconds)
        }
        return try box.get()
    }

    /// One call of `gridwatch.append`: `events` (whose envelopes are `payloads`) after
    /// the stream's event `head`. The one place that builds the call, for the store,
    /// `init` and `migrate`.
    func append(after head: UInt64, _ events: [StoredEvent], payloads: [[UInt8]]) throws(PGFailure) {
        let ids = events.map(\.id)
        let prevs = events.map { ByteBuffer(bytes: $0.prevHash) }
        let hashes = events.map { ByteBuffer(bytes: $0.hash) }
        let envelopes = payloads.map { ByteBuffer(bytes: $0) }
        try query("SELECT gridwatch.append(\(Int64(head)), \(ids), \(prevs), \(hashes), \(envelopes))")
    }

    /// The connection, made now if there is none.
    func connect() throws(PGFailure) -> PostgresConnection {
        if let c = connection, !c.isClosed { return c }
        do {
            let c = try PGLink.open(location, id: PGLink.ids.next(), logger: logger)
            connection = c
            return c
        } catch { throw PGFailure(error, location) }
    }

    /// A new connection to `location`, or an error once the connect timeout has passed.
    static func open(_ location: PostgresLocation, id: Int, logger: Logger) throws -> PostgresConnection {
        let future = PostgresConnection.connect(on: group.next(), configuration: configuration(location), id: id, logger: logger)
        // postgres-nio's own connect timeout covers TCP; this one covers a server that
        // accepts and then never answers the start-up.
        return try wait(future, seconds: 8, what: "the connection") {
            future.whenSuccess { $0.closeSoon() }
        }
    }

    /// Forgets the connection (after a failure), closing it if it is still open. Waits
    /// a moment for a clean goodbye, never longer: a dead peer must not hold us up.
    func drop() {
        if let c = connection { _ = try? PGLink.wait(c.close(), seconds: 2, what: "closing") {} }
        connection = nil
    }

    static func configuration(_ l: PostgresLocation) -> PostgresConnection.Configuration {
        var c: PostgresConnection.Configuration
        if l.host.hasPrefix("/") {
            c = .init(unixSocketPath: "\(l.host)/.s.PGSQL.\(l.port)", username: l.user, password: l.password, database: l.database)
        } else {
            c = .init(host: l.host, port: l.port, username: l.user, password: l.password, database: l.database, tls: .disable)
        }
        c.options.connectTimeout = .seconds(5)
        return c
    }
}

/// Connection ids for postgres-nio's logs.
final class ManagedIDs: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { n += 1; return n } }
}

/// A statement or connection the server did not answer in time.
struct PGTimeout: Error, CustomStringConvertible {
    var what: String
    var seconds: Double
    var description: String { "no answer to \(what) within \(Int(seconds)) s" }
}

/// A future's result, handed from the event loop to the thread waiting for it.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?
    private let lock = NSLock()
    func set(_ r: Result<T, any Error>) {
        lock.withLock { result = r }
        done.signal()
    }
    func get() throws -> T {
        guard let r = lock.withLock({ result }) else { throw PGTimeout(what: "a result", seconds: 0) }
        return try r.get()
    }
}

/// What went wrong talking to the server, sorted by what the store does about it.
enum PGFailure: Error {
    /// The connection is gone (or was never made): the outcome of the last call is unknown.
    case lost(String)
    /// The server refused the statement, with its SQLSTATE.
    case refused(state: String, message: String)

    init(_ error: any Error, _ l: PostgresLocation) {
        if let t = error as? PGTimeout { self = .lost("PostgreSQL at \(l.host):\(l.port) gave \(t.description)"); return }
        guard let e = error as? PSQLError else { self = .lost("cannot reach PostgreSQL at \(l.host):\(l.port): \(error)"); return }
        if e.code == .server, let info = e.serverInfo {
            self = .refused(state: info[.sqlState] ?? "", message: info[.message] ?? "\(e.code)")
            return
        }
        if e.code == .authMechanismRequiresPassword {
            self = .refused(state: "28P01", message: "the server asks for a password and none was found")
            return
        }
        self = .lost("cannot reach PostgreSQL at \(l.host):\(l.port): \(PGFailure.plain(e))")
    }

    /// What a connection failure means, in words: NIO's and postgres-nio's names are
    /// not for people.
    private static func plain(_ e: PSQLError) -> String {
        let detail = e.underlying.map { "\($0)" } ?? ""
        if detail.contains("refused") { return "connection refused (is the server running, and listening there?)" }
        if detail.contains("reset") || detail.contains("Broken pipe") { return "the connection was cut (did the server stop?)" }
        if detail.contains("timed out") || detail.contains("Timeout") { return "no answer (a network or firewall problem?)" }
        switch e.code {
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        case .connectionError: return detail.isEmpty ? "the connection failed" : String(detail.prefix(120))
        default: return "\(e.code)"
        }
    }

    /// The store's error for this failure.
    func storeError(_ l: PostgresLocation) -> StoreError {
        switch self {
        case .lost(let why):
            return .unavailable(why)
        case .refused(let state, let message):
            switch state {
            case "42501", "GW403": return .permission("\(l): \(message) (this database role may not do that; see README, Running a centre on PostgreSQL)")
            case "28P01", "28000":
                return .permission("\(l): \(message) (check PGPASSWORD or the password file; an installed, setgid gridwatch reads only /etc/gridwatch/pgpass)")
            case "42P01", "3F000": return .notFound(path: l.description)
            case "3D000": return .unavailable("\(l): \(message) (create the database first)")
            case "GW422": return .corrupt("\(l): \(message)")
            default: return .unavailable("\(l): \(message) (SQLSTATE \(state))")
            }
        }
    }
}

extension PostgresConnection {
    /// Starts closing without waiting: after a timeout, when the peer may never answer.
    /// The connection keeps itself alive until it is closed (postgres-nio requires that).
    func closeSoon() {
        let closed: EventLoopFuture<Void> = close()
        closed.whenComplete { _ in withExtendedLifetime(self) {} }
    }
}
