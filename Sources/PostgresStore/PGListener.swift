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
        _ = try? c?.close().wait()
    }

    private func wake() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    private func loop() {
        var backoff = 0.2
        while !lock.withLock({ stopped }) {
            do {
                let c = try PostgresConnection.connect(on: PGLink.group.next(), configuration: PGLink.configuration(location),
                                                       id: 0, logger: logger).wait()
                lock.withLock { connection = c }
                if lock.withLock({ stopped }) { _ = try? c.close().wait(); return }
                let w = writeEnd
                c.addListener(channel: PostgresSchema.channel) { _, _ in
                    var one: UInt8 = 1
                    _ = write(w, &one, 1)
                }
                _ = try c.query("LISTEN \(unescaped: PostgresSchema.channel)", logger: logger).wait()
                backoff = 0.2
                wake()
                try c.closeFuture.wait()
            } catch {
                logger.debug("listener: \(error)")
            }
            lock.withLock { connection = nil }
            wake()
            guard !lock.withLock({ stopped }) else { return }
            Thread.sleep(forTimeInterval: backoff)
            backoff = min(backoff * 2, 5)
        }
    }

    deinit {
        stop()
        if readEnd >= 0 { close(readEnd); close(writeEnd) }
    }
}
