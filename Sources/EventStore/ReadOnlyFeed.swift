import DispatchCore

/// A feed that can only read, whatever it wraps: for backends whose reading handle is
/// also a writer (the in-memory store), so a wall holding it has no way to write, not
/// even by a cast.
public final class ReadOnlyFeed: CaseFeed {
    private let inner: any CaseFeed

    /// Wraps `inner`; from now on it is reached only through this feed.
    public init(_ inner: any CaseFeed) { self.inner = inner }

    public var model: Model { inner.model }
    public var lastSeq: UInt64 { inner.lastSeq }
    public var headHash: String { inner.headHash }
    public var location: String { inner.location }
    public func refresh() throws(StoreError) -> [StoredEvent] { try inner.refresh() }
    public func history(of caseNumber: String) -> [UInt64] { inner.history(of: caseNumber) }
    public func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent] { try inner.events(in: range) }
    public var changeDescriptor: Int32 { inner.changeDescriptor }
    public func takeChanges() -> Bool { inner.takeChanges() }
    public var pollInterval: Int32 { inner.pollInterval }
    public func lastHeartbeat() -> Instant? { inner.lastHeartbeat() }
    public func close() { inner.close() }
}
