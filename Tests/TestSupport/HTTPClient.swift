import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 client over a real socket, for the tests of `gridwatch serve`. It
/// writes exactly the bytes it is given, so a test can send what no well-behaved client
/// would: truncated bodies, invalid UTF-8, lying lengths, requests that stall.
public struct HTTPClient: Sendable {
    /// Where the server listens.
    public enum Target: Sendable {
        case tcp(port: UInt16)
        case unix(path: String)
    }

    /// A response: status, headers (names lowercased) and body.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The body parsed as JSON (nil if it is not JSON).
        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    public let target: Target
    /// Seconds to wait for a reply.
    public var timeout: Int = 20

    public init(_ target: Target) { self.target = target }

    /// A GET with `headers`.
    public func get(_ path: String, headers: [String: String] = [:]) throws -> Reply {
        try request("GET", path, headers: headers, body: nil)
    }

    /// A POST of `body` with `contentType`.
    public func post(_ path: String, _ body: String, contentType: String = "application/x-www-form-urlencoded", headers: [String: String] = [:]) throws -> Reply {
        var h = headers
        h["Content-Type"] = contentType
        return try request("POST", path, headers: h, body: Data(body.utf8))
    }

    /// Any request; the body gets a correct Content-Length.
    public func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data?) throws -> Reply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        var bytes = Array((head + "\r\n").utf8)
        if let body { bytes += body }
        return try raw(bytes)
    }

    /// Sends `bytes` as they are and reads the reply to the end of the connection.
    public func raw(_ bytes: [UInt8], closeWriteAfter: Bool = false) throws -> Reply {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, bytes)
        if closeWriteAfter { shutdown(fd, Int32(SHUT_WR)) }
        return try Self.parse(readToEnd(fd))
    }

    /// An open connection, for tests that hold one (idle and slow clients).
    public func connect() throws -> Int32 {
        let fd: Int32
        switch target {
        case .tcp(let port):
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard rc == 0 else { close(fd); throw SubprocessError("connect to port \(port): \(String(cString: strerror(errno)))") }
        case .unix(let path):
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { buf in
                for (i, b) in path.utf8.prefix(buf.count - 1).enumerated() { buf[i] = b }
            }
            let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
            guard rc == 0 else { close(fd); throw SubprocessError("connect to \(path): \(String(cString: strerror(errno)))") }
        }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    public func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            // The server may answer (413) and close before it has read everything.
            if n <= 0 { return }
            off += n
        }
    }

    /// Reads until the peer closes (or the timeout passes).
    public func readToEnd(_ fd: Int32) throws -> [UInt8] {
        var out: [UInt8] = [], buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw SubprocessError("no reply within \(timeout) s") }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    static func parse(_ bytes: [UInt8]) throws -> Reply {
        let sep: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == sep }) else {
            throw SubprocessError("no HTTP reply (\(bytes.count) bytes)")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw SubprocessError("bad status line '\(lines[0])'") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Reply(status: status, headers: headers, body: Data(body))
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < b.count {
            guard let lineEnd = (i..<max(i, b.count - 1)).first(where: { b[$0] == 13 && b[$0 + 1] == 10 }),
                  let size = Int(String(decoding: b[i..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0,
                  lineEnd + 2 + size <= b.count else { break }
            out += b[(lineEnd + 2)..<(lineEnd + 2 + size)]
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}
