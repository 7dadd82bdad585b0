import Foundation
import XCTest

/// Three hosts on one private network, made of Linux network namespaces: a database
/// server (`db`, 10.88.N.1, running its own PostgreSQL 15) and two centre hosts (`a`,
/// `b`). A fourth namespace holds the bridge between them, so nothing is added to the
/// machine's own network. Root only; `tearDown` removes all of it.
final class NetHosts {
    /// Short, so that interface names stay under 15 characters.
    let tag: String
    let dir: String
    let subnet: Int
    let port = 5432
    let password = "gw-" + UUID().uuidString.prefix(12).lowercased()
    private var made = false

    var dbAddress: String { "10.88.\(subnet).1" }
    /// The store as every host names it; the password comes from `passFile`.
    var url: String { "postgres://postgres@\(dbAddress):\(port)/gridwatch" }
    var passFile: String { dir + "/pgpass" }

    static let pgBin = "/usr/lib/postgresql/15/bin"

    /// Why these tests cannot run here, or nil.
    static var unavailable: String? {
        if getuid() != 0 { return "network namespaces need root (CI runs as root)" }
        for tool in ["/usr/sbin/ip", "/usr/sbin/runuser", NetHosts.pgBin + "/initdb", NetHosts.pgBin + "/pg_ctl"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (.ci/run installs iproute2, util-linux and postgresql-15)"
        }
        if getpwnam("postgres") == nil { return "no postgres account (the postgresql package makes it)" }
        return nil
    }

    init() throws {
        tag = String(UUID().uuidString.prefix(4)).lowercased()
        subnet = Int.random(in: 1...250)
        dir = "/tmp/gw-hosts-\(tag)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        made = true
        try shell(setUpScript)
        try "\(dbAddress):\(port):*:postgres:\(password)\n".write(toFile: passFile, atomically: true, encoding: .utf8)
        chmod(passFile, 0o600)
    }

    func ns(_ host: String) -> String { "gw\(tag)-\(host)" }

    private var setUpScript: String {
        """
        set -e
        ip netns add \(ns("net")); ip netns add \(ns("db")); ip netns add \(ns("a")); ip netns add \(ns("b"))
        ip -n \(ns("net")) link add br0 type bridge
        ip -n \(ns("net")) link set br0 up
        n=1
        for h in db a b; do
          ip -n \(ns("net")) link add p\(tag)$h type veth peer name eth0 netns gw\(tag)-$h
          ip -n \(ns("net")) link set p\(tag)$h master br0 up
          ip -n gw\(tag)-$h addr add 10.88.\(subnet).$n/24 dev eth0
          ip -n gw\(tag)-$h link set eth0 up
          ip -n gw\(tag)-$h link set lo up
          n=$((n + 1))
        done
        mkdir -p \(dir)/data \(dir)/sock
        chown postgres \(dir)/data \(dir)/sock
        chmod 755 \(dir)
        echo '\(password)' > \(dir)/pw && chown postgres \(dir)/pw
        runuser -u postgres -- \(NetHosts.pgBin)/initdb -D \(dir)/data -A scram-sha-256 -U postgres --pwfile=\(dir)/pw >/dev/null
        echo "host all all 10.88.\(subnet).0/24 scram-sha-256" >> \(dir)/data/pg_hba.conf
        ip netns exec \(ns("db")) runuser -u postgres -- \(NetHosts.pgBin)/pg_ctl -D \(dir)/data -l \(dir)/sock/server.log -w \\
          -o "-c listen_addresses=\(dbAddress) -p \(port) -k \(dir)/sock -c fsync=off" start > \(dir)/pg_ctl.out 2>&1 \
          || { cat \(dir)/pg_ctl.out \(dir)/sock/server.log >&2; exit 1; }
        PGPASSWORD='\(password)' ip netns exec \(ns("a")) psql -X -q -h \(dbAddress) -p \(port) -U postgres -d postgres -c 'CREATE DATABASE gridwatch'
        """
    }

    /// Runs `command` (a shell command line) on `host`, with the store's password in a
    /// password file and none of the test runner's PG* variables.
    func run(on host: String, _ command: String) throws -> Binary.Result {
        try Binary.shell(commandLine(on: host, command))
    }

    /// A shell command line that runs `command` on `host`, for tmux.
    func commandLine(on host: String, _ command: String) -> String {
        "ip netns exec \(ns(host)) env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE PGPASSFILE=\(passFile) "
            + "GW='\(Binary.url.path)' bash -c \(quote(command))"
    }

    private func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Takes `host`'s cable out (or puts it back): its end stays up, so its peers see
    /// no reset, only silence, as when a building's link fails.
    func link(_ host: String, up: Bool) throws {
        try shell("ip -n \(ns("net")) link set p\(tag)\(host) \(up ? "up" : "down")")
    }

    @discardableResult
    private func shell(_ script: String) throws -> Binary.Result {
        let r = try Binary.shell(script)
        guard r.status == 0 else { throw PSQLFailedLike("network set-up failed (\(r.status)): \(r.err)") }
        return r
    }

    /// Stops the server and removes the namespaces and files.
    func tearDown() {
        guard made else { return }
        made = false
        _ = try? Binary.shell("""
            ip netns exec \(ns("db")) runuser -u postgres -- \(NetHosts.pgBin)/pg_ctl -D \(dir)/data -m immediate stop >/dev/null 2>&1
            for h in a b db net; do ip netns pids gw\(tag)-$h 2>/dev/null | xargs -r kill -9; ip netns del gw\(tag)-$h 2>/dev/null; done
            rm -rf \(dir)
            true
            """)
    }

    deinit { tearDown() }
}

struct PSQLFailedLike: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
