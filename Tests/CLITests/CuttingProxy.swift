import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of the PostgreSQL server that can cut a
/// connection at the worst moment: when the client sends a message holding `marker`
/// (the append call). `afterForwarding` lets the server run it and then cuts, so the
/// batch lands and the answer is lost; otherwise the message is dropped and cut, so
/// nothing lands. Each `arm` cuts once; later connections pass untouched.
final class CuttingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let lock = NSLock()
    private var armed: (marker: [UInt8], afterForwarding: Bool)?
    private(set) var cuts = 0

    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = CuttingProxy.loopback(port: 0)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Cuts the next connection that sends `marker`.
    func arm(_ marker: String, afterForwarding: Bool) {
        lock.withLock { armed = (Array(marker.utf8), afterForwarding) }
    }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private static func loopback(port: Int) -> sockaddr_in {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = UInt16(port).bigEndian
        a.sin_addr.s_addr = inet_addr("127.0.0.1")
        return a
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = CuttingProxy.loopback(port: upstreamPort)
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard ok == 0 else { close(client); close(server); continue }
            let pair = Pair(client, server)
            Thread.detachNewThread { [self] in pump(from: client, to: server, watch: true, pair: pair) }
            Thread.detachNewThread { [self] in pump(from: server, to: client, watch: false, pair: pair) }
        }
    }

    /// The two sockets of one connection; the second pump to finish closes them.
    private final class Pair: @unchecked Sendable {
        let a: Int32, b: Int32
        private var running = 2
        /// Set once the server's answers must no longer reach the client.
        var muted: Bool {
            get { lock.withLock { isMuted } }
            set { lock.withLock { isMuted = newValue } }
        }
        private var isMuted = false
        private let lock = NSLock()
        init(_ a: Int32, _ b: Int32) { self.a = a; self.b = b }
        func cut() { shutdown(a, Int32(SHUT_RDWR)); shutdown(b, Int32(SHUT_RDWR)) }
        func finished() {
            cut()
            if lock.withLock({ running -= 1; return running == 0 }) { close(a); close(b) }
        }
    }

    private func pump(from: Int32, to: Int32, watch: Bool, pair: Pair) {
        defer { pair.finished() }
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(from, &buf, buf.count)
            guard n > 0 else { break }
            let chunk = Array(buf[0..<n])
            if watch, let cut = takeArm(matching: chunk) {
                if cut.afterForwarding {
                    pair.muted = true
                    _ = write(to, chunk, n)
                    usleep(300_000)  // the server runs and commits; its answer is never passed on
                }
                return
            }
            if !watch, pair.muted { return }
            guard write(to, chunk, n) == n else { return }
        }
    }

    private func takeArm(matching chunk: [UInt8]) -> (marker: [UInt8], afterForwarding: Bool)? {
        lock.withLock {
            guard let a = armed, CuttingProxy.contains(chunk, a.marker) else { return nil }
            armed = nil
            cuts += 1
            return a
        }
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
