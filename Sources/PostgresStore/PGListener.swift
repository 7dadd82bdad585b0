import Foundation
import Logging
import NIOCore
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// LISTENs for appends on a connection of its own and turns each notification into a
/// byte on a pipe, the store's change descriptor. It reconnects by itself with backoff,
/// and wakes the reader after every (re)connection, since notifications sent while it
/// was away are lost: the reader then catches up by position. A notification only
/// wakes; the rows are the truth.
final class PGListener: @unchecked Sendable {
    private let location: PostgresLocation
    private let readEnd: Int32
    private let writeEnd: Int32
    private let lock = NSLock()
    private var stopped = false
    private var lost: String?
    private var isListening = false
    private var connection: PostgresConnection?
    private let logger = Logger(label: "gridwatch.postgres.listen")

    init(_ location: PostgresLocation) {
        self.location = location
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        readEnd = fds[0]
        writeEnd = fds[1]
        guard readEnd >= 0 else { return }
        Thread.detachNewThread { [self] in loop() }
    }

    /// Readable when the stream may have grown.
    var descriptor: Int32 { readEnd }

    /// Drains the pipe; true if anything was there.
    func take() -> Bool {
        var buf = [UInt8](repeating: 0, count: 256), any = false
        while readEnd >= 0, read(readEnd, &buf, buf.count) > 0 { any = true }
        return any
    }

    func stop() {
        let c: PostgresConnection? = lock.withLock {
            stopped = true
            return connection
        }
        if let c { _ = try? PGLink.wait(c.close(), seconds: 2, what: "closing") {} }
    }

    /// Why the server cannot be reached, as this listener last found; nil while it can
    /// (or before the first attempt). Lets the store fail at once instead of waiting
    /// out a timeout on every poll while a link is down.
    var unreachable: String? { lock.withLock { lost } }

    /// Whether notifications are being received now (LISTEN is in place).
    var listening: Bool { lock.withLock { isListening } }

    /// Whether a wake-up is waiting to be taken, without taking it.
    var pending: Bool {
        var p = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    private func wake() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// How often the listening connection is asked whether it is still alive: a host
    /// whose link went down sends no reset, and a connection that only waits would
    /// wait for ever.
    static let pingEvery = 5.0

    private func loop() {
        var backoff = 0.2
        while !lock.withLock({ stopped }) {
            do {
                let c = try PGLink.open(location, id: 0, logger: logger)
                lock.withLock { connection = c }
                if lock.withLock({ stopped }) { c.closeSoon(); return }
                let w = writeEnd
                c.addListener(channel: PostgresSchema.channel) { _, _ in
                    var one: UInt8 = 1
                    _ = write(w, &one, 1)
                }
                try ask(c, "LISTEN \(unescaped: PostgresSchema.channel)")
                backoff = 0.2
                lock.withLock { lost = nil; isListening = true }
                wake()
                try watch(c)
            } catch {
                logger.debug("listener: \(error)")
                let why = PGFailure(error, location)
                if case .lost(let text) = why { lock.withLock { lost = text } }
            }
            lock.withLock { connection = nil; isListening = false }
            wake()
            guard !lock.withLock({ stopped }) else { return }
            Thread.sleep(forTimeInterval: backoff)
            backoff = min(backoff * 2, 5)
        }
    }

    /// Returns when `c` closes or stops answering (after closing it).
    private func watch(_ c: PostgresConnection) throws {
        let closed = ResultBox<Void>()
        c.closeFuture.whenComplete { closed.set($0) }
        while !lock.withLock({ stopped }) {
            if closed.done.wait(timeout: .now() + Self.pingEvery) == .success { return }
            try ask(c, "SELECT 1")
        }
    }

    private func ask(_ c: PostgresConnection, _ q: PostgresQuery) throws {
        _ = try PGLink.wait(c.query(q, logger: logger), seconds: Self.pingEvery, what: "the listener") { c.closeSoon() }
    }

    deinit {
        stop()
        if readEnd >= 0 { close(readEnd); close(writeEnd) }
    }
}
