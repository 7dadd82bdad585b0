#if canImport(Glibc)
import TerminalUI
import Glibc
#endif

/// Writing to stdout and stderr with write(2). Untrusted text must go through `Inert.text` first.
///
/// Stdout is buffered here and flushed at 64 KiB, on `flush()` and before any stderr
/// line, so errors and output keep their order.
enum Output {
    // The command line runs on one thread; the buffer is never shared.
    nonisolated(unsafe) private static var pending: [UInt8] = []

    /// A line on stdout.
    static func line(_ s: String) {
        pending.append(contentsOf: s.utf8)
        pending.append(10)
        if pending.count >= 64 * 1024 { flush() }
    }

    /// Writes buffered stdout.
    static func flush() {
        writeAll(1, pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// A one-line error on stderr, prefixed with the program name.
    static func error(_ message: String) { note(message) }

    /// A note on stderr (warnings, progress).
    static func note(_ message: String) {
        flush()
        writeAll(2, Array(("gridwatch: " + Sanitizer.inert(message) + "\n").utf8))
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }
}

/// When the screen cannot be drawn (stdout not a terminal, `TERM` dumb or unset), the
/// console and the wall print a plain-text snapshot instead, at this size.
enum PlainSnapshot {
    /// The snapshot size, or nil when a terminal can be drawn on.
    static func size(_ env: [String: String]) -> (width: Int, height: Int)? {
        guard isatty(1) == 0 || env["TERM"] == "dumb" || (env["TERM"] ?? "").isEmpty else { return nil }
        return (Int(env["COLUMNS"] ?? "") ?? 100, Int(env["LINES"] ?? "") ?? 30)
    }

    /// Prints a buffer as plain lines.
    static func print(_ b: TerminalUI.Buffer) {
        for line in b.lines(trimTrailing: true) { Output.line(line) }
    }
}
