import Foundation

/// Runs the console on a pseudo-terminal of a given size and counts the bytes it
/// writes: what a terminal (or an ssh link) actually has to carry.
final class PtyProbe {
    private let master: Int32
    private let pid: pid_t

    init(_ argv: [String], width: Int, height: Int, environment: [String: String]) throws {
        var m: Int32 = -1, s: Int32 = -1
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&m, &s, nil, nil, &size) == 0 else { throw BenchError("openpty failed: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_adddup2(&actions, s, fd) }
        posix_spawn_file_actions_addclose(&actions, m)
        // util-linux `setsid --ctty`: a new session whose controlling terminal is the pty,
        // as a login shell would have (posix_spawn cannot set a controlling terminal).
        pid = try Processes.spawn(["setsid", "--ctty"] + argv, &actions, environment: environment, flags: 0)
        close(s)
        master = m
    }

    /// Bytes read until the output has been quiet for `quiet` seconds (or `limit` passed).
    func drain(quiet: Double, limit: Double) -> Int {
        var total = 0
        let start = monotonic()
        var last = start
        var buf = [UInt8](repeating: 0, count: 65536)
        while monotonic() - start < limit, monotonic() - last < quiet {
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 20) > 0 else { continue }
            let n = read(master, &buf, buf.count)
            if n <= 0 { break }
            total += n
            last = monotonic()
        }
        return total
    }

    /// Bytes read during exactly `seconds`.
    func count(for seconds: Double) -> Int {
        var total = 0
        let end = monotonic() + seconds
        var buf = [UInt8](repeating: 0, count: 65536)
        while monotonic() < end {
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(max(1, (end - monotonic()) * 1000))) > 0 else { continue }
            let n = read(master, &buf, buf.count)
            if n <= 0 { break }
            total += n
        }
        return total
    }

    /// Types `q` and waits for the console to exit.
    func quit() {
        _ = "q".withCString { write(master, $0, 1) }
        _ = drain(quiet: 0.3, limit: 3)
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGTERM)
            waitpid(pid, &status, 0)
        }
        close(master)
    }
}
