import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest

/// A private tmux server running one program: the end-to-end tests' eyes and hands.
final class Tmux {
    let socket = "gwtest-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (a shell command line) in a detached session of the given size.
    init(_ command: String, width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws {
        TestPolicy.ensure()
        // A known terminal environment, whatever the test runner's was (swift test may set NO_COLOR).
        var exports = "unset NO_COLOR COLORTERM; export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color;"
        for (k, v) in env { exports += " export \(k)='\(v)';" }
        // The server forks from this call: give it no pipe to hold open.
        try run(["new-session", "-d", "-x", String(width), "-y", String(height), exports + " " + command], capture: false)
    }

    deinit { _ = try? run(["kill-server"]) }

    @discardableResult
    func run(_ args: [String], capture: Bool = true) throws -> String {
        Spawn.run(["/usr/bin/tmux", "-u", "-L", socket, "-f", "/dev/null"] + args, capture: capture).output
    }

    /// The screen as text.
    func screen(escapes: Bool = false) -> String {
        (try? run(["capture-pane", "-p"] + (escapes ? ["-e"] : []))) ?? ""
    }

    /// Types keys (tmux key names such as `Enter`, `Tab`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) {
        _ = try? run(["send-keys"] + (literal ? ["-l"] : []) + keys)
    }

    /// A tmux format value for the pane, e.g. `#{alternate_on}`.
    func format(_ f: String) -> String {
        ((try? run(["display-message", "-p", f])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) {
        _ = try? run(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen satisfies `condition` or `timeout` passes; returns the last screen.
    @discardableResult
    func wait(for timeout: TimeInterval, _ condition: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = screen()
            if condition(last) { return (true, last) }
            usleep(50_000)
        } while Date() < deadline
        return (false, last)
    }

    /// Whether tmux can be used here.
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

/// posix_spawn and waitpid, without Foundation's Process: tmux forks its server from
/// the first client, and Process on Linux can miss that client's exit.
enum Spawn {
    static func run(_ argv: [String], capture: Bool) -> (status: Int32, output: String) {
        var fds: [Int32] = [-1, -1]
        if capture { _ = pipe(&fds) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cargs, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else { if capture { close(fds[0]) }; return (-1, "") }
        var data: [UInt8] = []
        if capture {
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buf, buf.count)
                if n <= 0 { break }
                data += buf[0..<n]
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status, String(decoding: data, as: UTF8.self))
    }
}
