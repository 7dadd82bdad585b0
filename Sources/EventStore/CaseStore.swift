import DispatchCore

/// A live, read-only feed of the event stream and the model built from it.
/// The wall display holds only this: it has no way to write.
public protocol CaseFeed: AnyObject {
    /// The model as of the last refresh.
    var model: Model { get }
    /// The sequence number of the last event applied.
    var lastSeq: UInt64 { get }
    /// The hash of the last event applied (hex).
    var headHash: String { get }
    /// Reads what other processes appended since the last refresh and applies it.
    func refresh() throws(StoreError) -> [StoredEvent]
    /// Sequence numbers of a case's events, oldest first.
    func history(of caseNumber: String) -> [UInt64]
    /// Events with sequence numbers in `range`, read back from the store.
    func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent]
}

/// A feed that can also record commands: the console's and the command line's store.
/// A second backend (PostgreSQL) implements the same protocol.
public protocol CaseStore: CaseFeed {
    /// Checks `commands` against the fresh state of the store and records the events
    /// they produce as one durable batch. With `rejected`, a refused command is reported
    /// and skipped; without it, the first refusal throws and nothing is written.
    func execute(_ commands: [Command], rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent]
}

extension CaseStore {
    /// Records one command; nothing is written if it is refused.
    @discardableResult
    public func execute(_ command: Command) throws(StoreError) -> [StoredEvent] {
        try execute([command], rejected: nil)
    }
}

/// Hex of a hash.
public func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}
