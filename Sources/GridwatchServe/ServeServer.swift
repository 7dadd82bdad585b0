import Foundation
import Hummingbird
import Logging
import NIOCore

/// Where the service listens: `ADDR:PORT`, `[ADDR]:PORT` or `unix:PATH`.
public enum ListenAddress: Sendable, CustomStringConvertible, Equatable {
    case tcp(host: String, port: Int)
    case unix(path: String)

    /// Parses a `--listen` value, or says what is wrong with it.
    public static func parse(_ s: String) -> Result<ListenAddress, ServeError> {
        if s.hasPrefix("unix:") {
            let path = String(s.dropFirst(5))
            return path.isEmpty ? .failure(.bad("unix: needs a socket path, as in unix:/run/gridwatch/serve.sock")) : .success(.unix(path: path))
        }
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (0...65535).contains(port) else {
            return .failure(.bad("'\(s.prefix(60))' is not ADDR:PORT (such as 127.0.0.1:8311) or unix:PATH"))
        }
        var host = String(s[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? .failure(.bad("'\(s.prefix(60))' names no address; use 127.0.0.1:\(port)")) : .success(.tcp(host: host, port: port))
    }

    public var description: String {
        switch self {
        case .tcp(let h, let p): h.contains(":") ? "[\(h)]:\(p)" : "\(h):\(p)"
        case .unix(let p): "unix:\(p)"
        }
    }

    var bind: BindAddress {
        switch self {
        case .tcp(let h, let p): .hostname(h, port: p)
        case .unix(let p): .unixDomainSocket(path: p)
        }
    }
}

/// A request's context: Hummingbird's, and who is at the other end of the connection,
/// for the access log and for limiting callers that present no key.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// `IP` of a TCP peer (a reverse proxy's, behind one), or `unix`.
    let peer: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "unix"
    }
}

extension ServeService {
    /// Serves on `address` until SIGTERM or SIGINT: then it stops accepting, lets the
    /// requests in flight finish (each append is whole or absent), and returns.
    /// `ready` is called with the address actually bound (the port, when 0 was asked).
    public func run(on address: ListenAddress, ready: @escaping @Sendable (String) -> Void) async throws {
        let responder = CallbackResponder<ServeContext> { [self] request, context in await respond(request, peer: context.peer) }
        let deadline = TimeAmount.seconds(settings.requestTimeout)
        // Hummingbird's own lines (its start-up notice) only when something is wrong:
        // the service says where it listens itself, and logs each request.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [RequestDeadline(limit: deadline)],
                                                idleTimeout: .seconds(settings.idleTimeout))),
            configuration: ApplicationConfiguration(address: address.bind, serverName: "gridwatch"),
            onServerRunning: { channel in
                if case .tcp(let host, _) = address, let port = channel.localAddress?.port {
                    ready(ListenAddress.tcp(host: host, port: port).description)
                } else {
                    ready(address.description)
                }
            },
            logger: quiet
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
