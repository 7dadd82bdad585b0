import Foundation

/// A failure that stops the benchmark, with what to look at.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// What one child process cost.
struct ProcessCost {
    var seconds: Double
    /// Peak resident set size in bytes (`ru_maxrss`).
    var peakRSS: Int
    var stderr: String
}

/// Seconds on the monotonic clock.
func monotonic() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Runs programs as whole processes and measures them with `wait4`.
enum Processes {
    /// Runs `argv` (stdin from `input` or /dev/null, stdout to `output` or discarded) and fails unless it exits 0.
    /// With `measureMemory`, polls the child's peak memory every half millisecond
    /// (which costs a little CPU beside it); otherwise only waits.
    static func run(_ argv: [String], input: String? = nil, output: String? = nil, environment: [String: String]? = nil,
                    measureMemory: Bool = false) throws -> ProcessCost {
        let errPath = NSTemporaryDirectory() + "gwbench-stderr-\(getpid())"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let started = monotonic()
        let pid = try spawn(argv, &actions, environment: environment, flags: 0)
        var status: Int32 = 0
        var peak = 0
        // The child's own high-water mark, read while it runs: `ru_maxrss` from wait4
        // would include this (much larger) benchmark process, whose memory the child
        // shares until it execs.
        while !measureMemory && waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        while measureMemory {
            peak = max(peak, highWaterMark(pid))
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            usleep(500)
        }
        let seconds = monotonic() - started
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        unlink(errPath)
        guard status == 0 else {
            throw BenchError("\(argv.prefix(3).joined(separator: " ")) failed (status \(status)): \(err.prefix(300))")
        }
        return ProcessCost(seconds: seconds, peakRSS: peak, stderr: err)
    }

    /// VmHWM of a running process in bytes (0 once it has exited).
    static func highWaterMark(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
    }

    static func spawn(_ argv: [String], _ actions: inout posix_spawn_file_actions_t, environment: [String: String]?,
                      flags: Int32) throws -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        if flags != 0 { posix_spawnattr_setflags(&attr, Int16(flags)) }
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cenv = env.map { strdup($0) } + [nil]
        defer { for p in cenv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cargs, &cenv)
        guard rc == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// The path of a program installed next to this benchmark (the same build).
    static func sibling(_ name: String) -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Whether a program is on the PATH.
    static func onPath(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}

/// Percentiles of a sample, by nearest rank.
func percentile(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return .nan }
    let s = xs.sorted()
    let rank = Int((p / 100 * Double(s.count)).rounded(.up)) - 1
    return s[min(max(rank, 0), s.count - 1)]
}

/// The access policy the benchmark's gridwatch processes run under: the account
/// running the benchmark may do everything (what is measured is the work, not the check).
enum BenchPolicy {
    static func install(in directory: String) throws {
        guard let pw = getpwuid(getuid()), let n = pw.pointee.pw_name else { throw BenchError("no account for uid \(getuid())") }
        let name = String(cString: n)
        let file = directory + "/access.toml"
        let text = ["lead", "admin", "intake"].map { "[[grant]]\nuser = \"\(name)\"\nrole = \"\($0)\"\nunit = \"*\"\n" }.joined(separator: "\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        chmod(directory, 0o755)
        setenv("GRIDWATCH_ACCESS", file, 1)
    }
}
