import Dispatch

/// A store for asynchronous callers: every call runs on one serial queue of its own,
/// and the caller awaits the result, so a blocking store (the file store's fsync, a
/// PostgreSQL store's bridge onto its event loops) never blocks a caller's thread or
/// an event loop. Calls run one at a time in the order they were made, as on a
/// console's single thread.
public final class StoreThread: @unchecked Sendable {
    // The store is only ever touched on `queue`: that is what makes this Sendable.
    private let store: any CaseStore
    private let queue = DispatchQueue(label: "gridwatch.store")

    /// Takes over `store`: from now on use it only through `run`.
    public init(_ store: any CaseStore) { self.store = store }

    /// Runs `body` with the store on the store's queue and returns what it returned.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any CaseStore) throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { done in
            queue.async { [self] in
                done.resume(returning: Result { () throws(StoreError) -> T in try body(self.store) })
            }
        }
        return try result.get()
    }
}
