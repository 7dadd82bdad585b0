import EventLog

/// The change notification of a file store: an inotify watch on the log, made when
/// first asked for (one-shot commands never need one) and made again after the log
/// was replaced, since a watch follows the old file.
final class LogWatch {
    private let path: String
    private var waiter: ChangeWaiter?

    init(path: String) { self.path = path }

    private var current: ChangeWaiter {
        if let waiter { return waiter }
        let w = ChangeWaiter(path: path)
        waiter = w
        return w
    }

    /// The inotify descriptor, or -1 when the store must be polled.
    var descriptor: Int32 { current.descriptor }
    /// Drains notifications; true if the log may have changed (always, when polling).
    func take() -> Bool { current.wait(timeoutMs: 0) }
    /// How often to refresh without a notification.
    var pollInterval: Int32 { current.usesInotify ? 1000 : current.pollMs }
    /// Forgets the watch (the log was replaced, or the store closed).
    func reset() { waiter = nil }
}
