import Dispatch

/// Work started on another core and collected later: the snapshot decoder, the replay
/// and ingest use it to keep both cores of a centre's host busy.
public final class SideTask<T: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done` is signalled; read only after waiting on it.
    private var result: Result<T, StoreError>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a global queue.
    public init(_ work: @escaping @Sendable () throws(StoreError) -> T) {
        DispatchQueue.global().async {
            self.result = Result { () throws(StoreError) in try work() }
            self.done.signal()
        }
    }

    /// Waits for the work and returns what it made, or throws what it threw. Call once.
    public func value() throws(StoreError) -> T {
        done.wait()
        switch result {
        case .some(let r): return try r.get()
        case .none: throw .decode("a background decode ended without a result")
        }
    }
}
