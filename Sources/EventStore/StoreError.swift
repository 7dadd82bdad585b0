import DispatchCore
import EventLog

/// Why a store operation failed: the one error type of the store layer.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The log file layer failed (I/O, damage, a stopped writer).
    case log(LogError)
    /// A record's payload could not be decoded.
    case decode(String)
    /// A record at a byte offset could not be decoded.
    case badRecord(offset: UInt64, reason: String)
    /// The domain refused the command.
    case domain(DomainError)
    /// There is no store at this path.
    case notFound(path: String)
    /// A store already exists at this path.
    case exists(path: String)
    /// The directory that should hold the store does not exist.
    case missingDirectory(path: String)

    public var description: String {
        switch self {
        case .log(let e): e.description
        case .decode(let why): "undecodable record: \(why)"
        case .badRecord(let o, let why): "undecodable record at byte offset \(o): \(why)"
        case .domain(let e): e.description
        case .notFound(let p): "no gridwatch store at \(p) (create one with 'gridwatch init')"
        case .exists(let p): "a gridwatch store already exists at \(p)"
        case .missingDirectory(let p): "directory \(p) does not exist"
        }
    }
}
