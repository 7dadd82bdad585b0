import DispatchCore
import EventLog

#if canImport(Glibc)
import Glibc
#endif

/// Why a store operation failed: the one error type of the store layer. The first
/// four cases are the same for every backend; the file backend adds detail below them.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store cannot be used now (unreachable, a stopped writer, a lost connection);
    /// the message says what to do.
    case unavailable(String)
    /// The store changed under a writer in a way it could not resolve by catching up
    /// and deciding again; nothing was written.
    case conflict(String)
    /// The stored stream is damaged: it must be repaired, not waited for.
    case corrupt(String)
    /// This account may not do that to the store.
    case permission(String)
    /// The domain refused the command.
    case domain(DomainError)
    /// There is no store here.
    case notFound(path: String)
    /// A store already exists here.
    case exists(path: String)
    /// The directory that should hold the store does not exist.
    case missingDirectory(path: String)
    /// The log file layer failed in a way not named above (a full disk, EIO).
    case log(LogError)
    /// A record's payload could not be decoded.
    case decode(String)
    /// A record at a byte offset could not be decoded.
    case badRecord(offset: UInt64, reason: String)

    public var description: String {
        switch self {
        case .unavailable(let why): why
        case .conflict(let why): why
        case .corrupt(let why): why
        case .permission(let why): why
        case .log(let e): e.description
        case .decode(let why): "undecodable record: \(why)"
        case .badRecord(let o, let why): "undecodable record at byte offset \(o): \(why)"
        case .domain(let e): e.description
        case .notFound(let p): "no gridwatch store at \(p) (create one with 'gridwatch init')"
        case .exists(let p): "a gridwatch store already exists at \(p)"
        case .missingDirectory(let p): "directory \(p) does not exist"
        }
    }

    /// A file-layer error in the backend-neutral words where one fits.
    public init(_ e: LogError) {
        switch e {
        case .io(_, _, let code) where code == EACCES || code == EPERM:
            self = .permission(e.description + " (this account may not do that to the store; see README, Who may do what)")
        case .io(_, _, EROFS):
            self = .permission(e.description)
        case .corrupt: self = .corrupt(e.description)
        case .writerStopped: self = .unavailable(e.description)
        default: self = .log(e)
        }
    }

    /// The same error with file-layer detail put in neutral words where one fits.
    public var classified: StoreError {
        if case .log(let e) = self { return StoreError(e) }
        return self
    }
}
