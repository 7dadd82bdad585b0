#if canImport(Glibc)
import Glibc
#endif

/// Reads lines from a file descriptor with bounded memory: a line longer than
/// `maxLine` is reported as too long and skipped, never buffered whole.
public final class LineSource {
    public enum Item: Sendable {
        case line(number: Int, bytes: ArraySlice<UInt8>)
        case tooLong(number: Int)
    }

    private let fd: Int32
    private let maxLine: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var skipping = false
    private var lineNumber = 0
    public private(set) var atEnd = false

    public init(fd: Int32, maxLine: Int) {
        self.fd = fd
        self.maxLine = maxLine
    }

    /// Whether input is ready within `timeoutMs` (always true for regular files).
    public func waitReadable(timeoutMs: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, timeoutMs) != 0
    }

    /// The next complete line, or nil when more input must be read first (or at end).
    public func next() -> Item? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                let slice = buffer[start..<nl]
                start = nl + 1
                lineNumber += 1
                if skipping { skipping = false; return .tooLong(number: lineNumber) }
                return .line(number: lineNumber, bytes: slice)
            }
            if buffer.count - start > maxLine {
                // Drop the head of an over-long line; remember to report it at its newline.
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if atEnd {
                guard start < buffer.count || skipping else { return nil }
                lineNumber += 1
                let slice = buffer[start...]
                start = buffer.count
                if skipping { skipping = false; return .tooLong(number: lineNumber) }
                return .line(number: lineNumber, bytes: slice)
            }
            return nil
        }
    }

    /// Reads more input. Returns false at end of input; throws on a read error.
    public func fill() throws(RuntimeError) -> Bool {
        if start > 0 { buffer.removeFirst(start); start = 0 }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw .input("cannot read input: \(String(cString: strerror(errno)))") }
            if n == 0 { atEnd = true; return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
    }
}
