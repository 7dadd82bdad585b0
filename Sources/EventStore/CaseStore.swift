import DispatchCore

/// A live, read-only feed of the event stream and the model built from it: the seam
/// every reader (the wall, `stats`, `handover`, `case show`) holds as `any CaseFeed`.
/// The wall holds only this: it has no way to write.
///
/// **Synchronous by design, asynchronous backends behind it.** Every method blocks
/// the calling thread until it is done. The callers are synchronous loops (the
/// console and wall poll their terminal and `changeDescriptor` on one thread) and
/// one-shot commands, and the domain decides commands against the in-memory model
/// under the store's writer lock, so an `async` protocol would colour every caller
/// without letting any of them do more. A backend whose client is asynchronous
/// (PostgreSQL through postgres-nio) runs its I/O on its own event-loop threads and
/// bridges each call by blocking the *calling* thread on the result; a caller must
/// therefore never be a NIO event-loop thread. Asynchronous callers (the HTTP
/// service) reach a store through `StoreThread`, which runs every call on one
/// dedicated thread and resumes the caller when it is done, so no event loop ever
/// blocks.
///
/// **Waiting for change.** `changeDescriptor` is a file descriptor that becomes
/// readable when the stream may have grown (inotify on the log for the file store; a
/// pipe that the backend's listener writes to for others), or -1 when the store can
/// only be polled every `pollInterval`. A notification only wakes the caller:
/// `refresh()` reads what is really there, and the caller should also refresh every
/// `pollInterval` in case a notification was lost. The descriptor may change after a
/// `refresh()` (the file store watches a log that `recover` replaced), so read it
/// anew for each wait.
public protocol CaseFeed: AnyObject {
    /// The model as of the last refresh.
    var model: Model { get }
    /// The sequence number of the last event applied.
    var lastSeq: UInt64 { get }
    /// The hash of the last event applied (hex).
    var headHash: String { get }
    /// Where the store is, for messages: a directory, or a URL without its password.
    var location: String { get }
    /// Reads what other writers appended since the last refresh and applies it. Follows
    /// a store that was replaced underneath (a recovered log) by starting again from it.
    func refresh() throws(StoreError) -> [StoredEvent]
    /// Sequence numbers of a case's events, oldest first.
    func history(of caseNumber: String) -> [UInt64]
    /// Events with sequence numbers in `range`, read back from the store.
    func events(in range: ClosedRange<UInt64>) throws(StoreError) -> [StoredEvent]
    /// A descriptor to poll for change, or -1 (see the protocol's summary).
    var changeDescriptor: Int32 { get }
    /// Drains pending change notifications without blocking; true if there were any.
    func takeChanges() -> Bool
    /// Milliseconds between refreshes when no notification comes.
    var pollInterval: Int32 { get }
    /// When a console last said it was watching this store (`CaseStore.heartbeat`):
    /// a wall tells a quiet store from a dead one by it. Nil if never.
    func lastHeartbeat() -> Instant?
    /// Releases what the feed holds (descriptors, connections). Idempotent.
    func close()
}

/// A feed that can also record commands: the console's and the command line's store.
///
/// The actor recorded on events is fixed when the store is opened: a program acting for
/// someone else (the demo's simulator) opens its own store handle with its own actor.
/// The HTTP service, which acts for many callers through one handle, names each
/// caller on each batch instead (`execute(_:as:rejected:)`).
public protocol CaseStore: CaseFeed {
    /// Who is recorded as the actor of every event this handle appends.
    var actor: String { get }
    /// The access policy's check that every command passes before it is decided; nil
    /// for a handle with no policy (tests, `migrate`'s copy). A refused command is
    /// recorded as `accessDenied` and then thrown (or reported to `rejected`) as
    /// `DomainError.accessDenied`.
    var access: AccessCheck? { get set }
    /// Checks `commands` against the fresh state of the store and records the events
    /// they produce as one durable batch, as `acting` (a service that acts for many
    /// callers names each one; everyone else uses `execute(_:rejected:)`). With
    /// `rejected`, a refused command is reported and skipped; without it, the first
    /// refusal throws and nothing is written.
    func execute(_ commands: [Command], as acting: Acting, rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent]
    /// Says that a console is alive on this store (best effort: failing loses nothing).
    func heartbeat()
    /// Starts what maintenance is due (a snapshot in the background) without waiting.
    func maintain()
    /// Waits for background maintenance, leaves a snapshot when at least `minimum` events
    /// (nil: the store's own threshold) came since the last one, and releases the store.
    func close(snapshotAfter minimum: UInt64?)
}

/// Whom a batch is recorded for: the actor text on its events and the check its
/// commands pass.
public struct Acting: Sendable {
    public var actor: String
    public var access: AccessCheck?

    /// Acting as `actor`, checked by `access` (nil: no policy).
    public init(actor: String, access: AccessCheck?) {
        self.actor = actor
        self.access = access
    }
}

extension CaseStore {
    /// Checks and records `commands` as the handle's own actor, under its own check.
    public func execute(_ commands: [Command], rejected: ((Int, DomainError) -> Void)?) throws(StoreError) -> [StoredEvent] {
        try execute(commands, as: Acting(actor: actor, access: access), rejected: rejected)
    }

    /// Records one command; nothing is written if it is refused.
    @discardableResult
    public func execute(_ command: Command) throws(StoreError) -> [StoredEvent] {
        try execute([command], rejected: nil)
    }

    /// Closes with the store's own snapshot threshold.
    public func close() { close(snapshotAfter: nil) }
}

/// Hex of a hash.
public func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}
