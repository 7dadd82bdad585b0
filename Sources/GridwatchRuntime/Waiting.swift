#if canImport(Glibc)
import Glibc
#endif

/// Sleeping until a descriptor is readable or a time passes: no busy polling.
enum Waiting {
    /// Waits until one of `descriptors` (those >= 0) is readable, a signal arrives, or
    /// `timeoutMs` passes. With no descriptor it simply sleeps.
    static func poll(_ descriptors: [Int32], timeoutMs: Int32) {
        var fds = descriptors.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = Glibc.poll(&fds, nfds_t(fds.count), max(0, timeoutMs))
    }
}
