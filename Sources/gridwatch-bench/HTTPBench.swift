import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import GridwatchServe

/// 8. `gridwatch serve`: durable `POST requests.json` a second and its latency at 1, 8
/// and 64 connections, beside `gridwatch ingest` of the same alerts in the same run; and
/// the delay from the HTTP 201 to the alert on a console's screen.
struct HTTPBench {
    let gridwatch: String
    let directory: String
    let seed: UInt64
    let report: Report

    static let key = "bench-intake-key"

    func run(units: [DispatchCore.Unit], requests: Int) throws {
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        let policy = try writePolicy()
        var synth = Synthetic(seed: seed)
        var ingestRate = 0.0
        for connections in [1, 8, 64] {
            let store = try freshStore("http-\(connections)", units: units)
            let server = try Server(gridwatch: gridwatch, store: store, policy: policy, directory: directory)
            defer { server.stop() }
            let bodies = (0..<requests).map { i in Self.form(synth.newCase(grids: grids, at: nil, externalId: "h\(connections)-\(i)")) }
            let (rate, latencies) = try load(port: server.port, bodies: bodies, connections: connections)
            if ingestRate == 0 { ingestRate = try ingest(units: units, grids: grids, count: requests) }
            report.row("8", "POST requests.json, \(connections) connection\(connections == 1 ? "" : "s"): requests/s, p50 / p99",
                       String(format: "%.0f/s, %@ / %@", rate, ms(percentile(latencies, 50)), ms(percentile(latencies, 99))),
                       String(format: "ingest %.0f alerts/s", ingestRate), ratio: rate / ingestRate, target: "", met: nil)
        }
        try screenDelay(units: units, grids: grids, policy: policy, samples: max(10, min(50, requests / 20)))
    }

    /// The same number of alerts through `gridwatch ingest` (one process, batched appends).
    private func ingest(units: [DispatchCore.Unit], grids: [String], count: Int) throws -> Double {
        let store = try freshStore("http-ingest", units: units)
        var synth = Synthetic(seed: seed &+ 1)
        let lines = (0..<count).map { i in Synthetic.jsonLine(synth.newCase(grids: grids, at: nil, externalId: "i-\(i)")) }
        let file = directory + "/http-ingest.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let cost = try Processes.run([gridwatch, "ingest", "--store", store, file])
        return Double(count) / cost.seconds
    }

    /// The delay from each 201 to the first console frame that includes the alert.
    private func screenDelay(units: [DispatchCore.Unit], grids: [String], policy: String, samples: Int) throws {
        let store = try freshStore("http-screen", units: units)
        let server = try Server(gridwatch: gridwatch, store: store, policy: policy, directory: directory)
        defer { server.stop() }
        let trace = directory + "/http-frames.trace"
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"; env["LANG"] = "C.UTF-8"; env["GRIDWATCH_FRAME_TRACE"] = trace
        env.removeValue(forKey: "COLUMNS"); env.removeValue(forKey: "LINES"); env.removeValue(forKey: "NO_COLOR")
        let probe = try PtyProbe([gridwatch, "--store", store], width: 200, height: 60, environment: env)
        _ = probe.drain(quiet: 1.5, limit: 20)
        var synth = Synthetic(seed: seed &+ 2)
        let client = try KeepAlive(port: server.port)
        var acked: [(number: String, ms: Int64)] = []
        for i in 0..<samples {
            let (status, body) = try client.post(Self.form(synth.newCase(grids: grids, at: nil, externalId: "s-\(i)")))
            guard status == 201, let number = body.split(separator: "\"").dropFirst(3).first else { throw BenchError("POST answered \(status): \(body)") }
            acked.append((String(number), Int64(Date().timeIntervalSince1970 * 1000)))
            _ = probe.count(for: 0.2)
        }
        _ = probe.count(for: 1)
        probe.quit()
        let feed: any CaseFeed
        do { feed = try StoreLocation.directory(store).openFeed() } catch { throw BenchError(error.description) }
        defer { feed.close() }
        let frames = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line -> (UInt64, Int64)? in
            let f = line.split(separator: " ")
            guard f.count == 2, let s = UInt64(f[0]), let t = Int64(f[1]) else { return nil }
            return (s, t)
        }
        let delays = acked.compactMap { a -> Double? in
            guard let seq = feed.history(of: a.number).first else { return nil }
            return frames.first { $0.0 >= seq }.map { Double(max(0, $0.1 - a.ms)) / 1000 }
        }
        guard delays.count == acked.count else { throw BenchError("the console drew \(delays.count) of \(acked.count) alerts") }
        report.row("8", "HTTP 201 to the alert on a console's screen, p50 / p99 (\(samples) alerts)",
                   "\(ms(percentile(delays, 50))) / \(ms(percentile(delays, 99)))", "", ratio: .nan, target: "< 1 s", met: percentile(delays, 99) < 1)
    }

    /// `connections` keep-alive connections sending `bodies` between them; requests a
    /// second over the whole run, and each request's latency.
    private func load(port: UInt16, bodies: [String], connections: Int) throws -> (Double, [Double]) {
        let clients = try (0..<connections).map { _ in try KeepAlive(port: port) }
        let results = Results()
        let group = DispatchGroup()
        let started = monotonic()
        // One thread a connection: concurrentPerform would run only as many as there are cores.
        for c in 0..<connections {
            group.enter()
            let thread = Thread {
                var mine: [Double] = []
                var failure: String?
                for i in stride(from: c, to: bodies.count, by: connections) {
                    let t = monotonic()
                    do {
                        let (status, body) = try clients[c].post(bodies[i])
                        if status != 201 { failure = "POST answered \(status): \(body.prefix(200))"; break }
                    } catch { failure = "\(error)"; break }
                    mine.append(monotonic() - t)
                }
                results.add(mine, failure)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let elapsed = monotonic() - started
        if let f = results.failure { throw BenchError(f) }
        return (Double(results.latencies.count) / elapsed, results.latencies)
    }

    private func freshStore(_ name: String, units: [DispatchCore.Unit]) throws -> String {
        let dir = "\(directory)/\(name)"
        try? FileManager.default.removeItem(atPath: dir)
        do { try StoreLocation.directory(dir).create(actor: "bench@host", commands: units.map { .registerUnit($0) }).close() } catch {
            throw BenchError(error.description)
        }
        return dir
    }

    private func writePolicy() throws -> String {
        guard let current = ProcessInfo.processInfo.environment["GRIDWATCH_ACCESS"] else { throw BenchError("no bench access policy") }
        let hash = CallerTable.hash(Self.key)
        let text = try String(contentsOfFile: current, encoding: .utf8)
            + "\n[[key]]\nname = \"bench\"\nsha256 = \"\(hash)\"\nrole = \"intake\"\nunit = \"*\"\n"
        let file = directory + "/access-http.toml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        return file
    }

    static func form(_ n: NewCase) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let pairs = [("service_code", n.category.rawValue), ("address_id", n.location), ("description", n.title),
                     ("attribute[level]", n.level.rawValue), ("attribute[external_id]", n.externalId)]
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    /// Latencies gathered from several threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var latencies: [Double] = []
        private(set) var failure: String?
        func add(_ l: [Double], _ f: String?) { lock.withLock { latencies += l; if failure == nil { failure = f } } }
    }
}

/// `gridwatch serve` on a free loopback port, for the benchmark.
private final class Server {
    let pid: pid_t
    let port: UInt16

    init(gridwatch: String, store: String, policy: String, directory: String) throws {
        let log = directory + "/serve-\(UUID().uuidString.prefix(6)).log"
        var env = ProcessInfo.processInfo.environment
        env["GRIDWATCH_ACCESS"] = policy
        env["GRIDWATCH_LOG"] = "warning"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        pid = try Processes.spawn([gridwatch, "serve", "--store", store, "--listen", "127.0.0.1:0", "--rate-limit", "0"],
                                  &actions, environment: env, flags: 0)
        let deadline = monotonic() + 30
        var found: UInt16?
        while monotonic() < deadline, found == nil {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let r = text.range(of: "serving on 127.0.0.1:") {
                found = UInt16(text[r.upperBound...].prefix { $0.isNumber })
            } else {
                usleep(20_000)
            }
        }
        guard let found else { kill(pid, SIGKILL); throw BenchError("gridwatch serve did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")") }
        port = found
    }

    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// One keep-alive HTTP/1.1 connection that POSTs forms to `requests.json`.
private final class KeepAlive: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { throw BenchError("connect: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Status and body of one POST.
    func post(_ body: String) throws -> (Int, String) {
        let b = Array(body.utf8)
        let head = "POST /open311/v2/requests.json HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer \(HTTPBench.key)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(b.count)\r\n\r\n"
        let out = Array(head.utf8) + b
        var off = 0
        while off < out.count {
            let n = out[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send: \(String(cString: strerror(errno)))") }
            off += n
        }
        return try reply()
    }

    private func reply() throws -> (Int, String) {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if pending.count >= end + 4 + length {
                    let body = String(decoding: pending[(end + 4)..<(end + 4 + length)], as: UTF8.self)
                    pending.removeFirst(end + 4 + length)
                    return (status, body)
                }
            }
            var buf = [UInt8](repeating: 0, count: 16384)
            let n = recv(fd, &buf, buf.count, 0)
            guard n > 0 else { throw BenchError("the connection closed") }
            pending += buf[0..<n]
        }
    }

    private func find(_ sep: [UInt8]) -> Int? {
        guard pending.count >= sep.count else { return nil }
        for i in 0...(pending.count - sep.count) where pending[i] == sep[0] && Array(pending[i..<i + sep.count]) == sep { return i }
        return nil
    }
}
