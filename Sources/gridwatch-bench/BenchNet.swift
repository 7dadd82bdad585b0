import Foundation

/// A second host for the append-to-screen measurement: a network namespace joined to
/// this one by a veth pair, and a relay on this side that passes its connections on to
/// the PostgreSQL server (which `pg_virtualenv` binds to loopback only). Root only.
final class BenchNet {
    let name: String
    /// The address the other host reaches the relay on.
    let relayAddress: String
    private(set) var relayPort = 0
    private let hostSide: String
    private var listener: Int32 = -1

    /// Why there can be no second host here, or nil.
    static var unavailable: String? {
        if getuid() != 0 { return "not root" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") { return "no ip command (iproute2)" }
        return nil
    }

    init(upstreamPort: Int) throws {
        let id = getpid() % 200 + 20
        name = "gwbench\(getpid())"
        hostSide = "gwb\(getpid())"
        relayAddress = "10.89.\(id).1"
        _ = try Processes.run(["/bin/sh", "-c", """
            set -e
            ip netns add \(name)
            ip link add \(hostSide) type veth peer name eth0 netns \(name)
            ip addr add \(relayAddress)/30 dev \(hostSide)
            ip link set \(hostSide) up
            ip -n \(name) addr add 10.89.\(id).2/30 dev eth0
            ip -n \(name) link set eth0 up
            ip -n \(name) link set lo up
            """])
        do { try startRelay(upstreamPort: upstreamPort) } catch { tearDown(); throw error }
    }

    /// Prefix for a command that runs on the other host.
    var exec: [String] { ["ip", "netns", "exec", name] }

    func tearDown() {
        if listener >= 0 { shutdown(listener, Int32(SHUT_RDWR)); close(listener); listener = -1 }
        _ = try? Processes.run(["/bin/sh", "-c", "ip netns del \(name) 2>/dev/null; ip link del \(hostSide) 2>/dev/null; true"])
    }

    deinit { tearDown() }

    private func startRelay(upstreamPort: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = BenchNet.address(relayAddress, port: 0)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw BenchError("cannot listen on \(relayAddress): \(String(cString: strerror(errno)))") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        relayPort = Int(UInt16(bigEndian: addr.sin_port))
        listener = fd
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var up = BenchNet.address("127.0.0.1", port: upstreamPort)
                let ok = withUnsafePointer(to: &up) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
                guard ok == 0 else { close(client); close(server); continue }
                var one: Int32 = 1
                for s in [client, server] { setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size)) }
                Thread.detachNewThread { BenchNet.pump(client, server) }
                Thread.detachNewThread { BenchNet.pump(server, client) }
            }
        }
    }

    private static func pump(_ from: Int32, _ to: Int32) {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(from, &buf, buf.count)
            guard n > 0, write(to, buf, n) == n else { break }
        }
        shutdown(to, Int32(SHUT_WR))
        shutdown(from, Int32(SHUT_RD))
    }

    private static func address(_ ip: String, port: Int) -> sockaddr_in {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = UInt16(port).bigEndian
        a.sin_addr.s_addr = inet_addr(ip)
        return a
    }
}
