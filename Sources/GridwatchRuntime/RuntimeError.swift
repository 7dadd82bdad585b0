import EventStore

/// Why a runtime job failed: the one error type of the runtime layer.
public enum RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store refused or failed.
    case store(StoreError)
    /// Input could not be read (a file, a pipe).
    case input(String)
    /// The terminal could not be used.
    case terminal(String)

    public var description: String {
        switch self {
        case .store(let e): e.description
        case .input(let why): why
        case .terminal(let why): why
        }
    }
}
