import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn and reaps it with waitpid. Foundation's `Process`
/// on Linux was seen to miss the exit of a child (left a zombie and waited for ever),
/// so the tests that start many processes use this instead.
public enum Subprocess {
    /// What a finished program left.
    public struct Result {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs `argv` with `environment`, feeding it `stdin` (or /dev/null), and returns its
    /// exit status (128 + N when killed by signal N) and what it wrote. Both outputs are
    /// read at once, so a child that fills one while the other is read cannot block.
    public static func run(_ argv: [String], environment: [String: String], stdin: Data? = nil) throws -> Result {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1], inp: [Int32] = [-1, -1]
        guard pipe(&out) == 0, pipe(&err) == 0, pipe(&inp) == 0 else { throw SubprocessError("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stdin == nil { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) } else { posix_spawn_file_actions_adddup2(&actions, inp[0], 0) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in out + err + inp { posix_spawn_file_actions_addclose(&actions, fd) }
        let cargs = argv.map { strdup($0) } + [nil]
        let cenv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cargs + cenv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, cenv)
        close(out[1]); close(err[1]); close(inp[0])
        guard rc == 0 else {
            close(out[0]); close(err[0]); close(inp[1])
            throw SubprocessError("cannot run \(argv[0]): \(String(cString: strerror(rc)))")
        }
        let feeding = stdin.map { Drain(fd: inp[1], feed: $0) }
        if stdin == nil { close(inp[1]) }
        let errors = Drain(fd: err[0], feed: nil)
        let output = readAll(out[0])
        feeding?.wait()
        errors.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Result(status: exitCode(status), out: String(decoding: output, as: UTF8.self), err: String(decoding: errors.data, as: UTF8.self))
    }

    /// Starts `argv` in the background with its output appended to files.
    public static func start(_ argv: [String], environment: [String: String], output: String, errors: String) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let cargs = argv.map { strdup($0) } + [nil]
        let cenv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cargs + cenv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, cenv)
        guard rc == 0 else { throw SubprocessError("cannot run \(argv[0]): \(String(cString: strerror(rc)))") }
        return Child(pid: pid)
    }

    static func exitCode(_ status: Int32) -> Int32 { status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }

    static func readAll(_ fd: Int32) -> Data {
        var data = Data(), buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        close(fd)
        return data
    }
}

/// A program started in the background.
public final class Child {
    public let pid: pid_t
    private var status: Int32?

    init(pid: pid_t) { self.pid = pid }

    /// Whether it is still running (reaps it if it has ended).
    public var isRunning: Bool {
        guard status == nil else { return false }
        var s: Int32 = 0
        if waitpid(pid, &s, WNOHANG) == pid { status = Subprocess.exitCode(s); return false }
        return true
    }

    /// Waits for it to end; its exit status (128 + N when killed by signal N).
    @discardableResult
    public func wait() -> Int32 {
        if let status { return status }
        var s: Int32 = 0
        while waitpid(pid, &s, 0) < 0 && errno == EINTR {}
        status = Subprocess.exitCode(s)
        return status ?? -1
    }

    public func signal(_ sig: Int32) { if status == nil { kill(pid, sig) } }

    deinit { if isRunning { kill(pid, SIGKILL); wait() } }
}

/// A thread that reads a descriptor to its end, or writes `feed` into it and closes it.
final class Drain: @unchecked Sendable {
    private(set) var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(fd: Int32, feed: Data?) {
        Thread.detachNewThread { [self] in
            if let feed {
                feed.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    var off = 0
                    while off < raw.count {
                        let n = write(fd, base + off, raw.count - off)
                        if n < 0 && errno == EINTR { continue }
                        if n <= 0 { break }
                        off += n
                    }
                }
                close(fd)
            } else {
                data = Subprocess.readAll(fd)
            }
            done.signal()
        }
    }

    func wait() { done.wait() }
}

/// A program that could not be started.
public struct SubprocessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
