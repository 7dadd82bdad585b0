import DispatchCore
import EventStore
import Foundation
import PostgresStore

/// Where a store is, from a `--store` argument, and the one place that opens one:
/// everything else holds `any CaseStore` or `any CaseFeed`.
///
/// `PATH` (any directory) names a file store; `postgres://USER@HOST:PORT/DB` (or
/// `postgresql://`, with libpq's PG* variables for what it leaves out) a PostgreSQL
/// store; `memory:` or `memory:NAME` a store held in this process, gone when it exits
/// (for the demo and tests).
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    case directory(String)
    case memory(String)
    case postgres(PostgresLocation)

    /// The location an argument names; nil means the default directory.
    public init(argument: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        guard let a = argument else {
            self = .directory(StorePaths.defaultDirectory(environment: environment))
            return
        }
        if PostgresLocation.isURL(a) {
            self = .postgres(try PostgresLocation(url: a, environment: environment))
        } else if a == "memory:" || a.hasPrefix("memory:") {
            let name = String(a.dropFirst("memory:".count))
            self = .memory(name.isEmpty ? "demo" : name)
        } else {
            self = .directory(a)
        }
    }

    public var description: String {
        switch self {
        case .directory(let d): d
        case .memory(let n): "memory:\(n)"
        case .postgres(let p): p.description
        }
    }

    /// The file store's paths; nil for other backends (commands that read the log file
    /// itself, such as `verify` and `recover`, say they need a file store).
    public var paths: StorePaths? {
        if case .directory(let d) = self { return StorePaths(directory: d) }
        return nil
    }

    /// Whether a store exists here.
    public var exists: Bool {
        switch self {
        case .directory(let d): FileManager.default.fileExists(atPath: StorePaths(directory: d).log)
        case .memory(let n): MemoryStreams.existing(n) != nil
        case .postgres(let p): PostgresStore.exists(at: p)
        }
    }

    /// How to open: the clock, the policy, how much to load, and when to snapshot.
    public struct Options: Sendable {
        public var clock: DispatchClock
        public var policy: Policy
        public var scope: LoadScope
        /// New events that make a writer refresh its snapshot (nil: the store's default).
        public var snapshotEvery: UInt64?
        /// The access check every command of a writing handle passes (nil: none).
        public var access: AccessCheck?

        /// Options with the system clock and default policy, loading everything.
        public init(clock: DispatchClock = SystemClock(), policy: Policy = .defaults, scope: LoadScope = .all,
                    snapshotEvery: UInt64? = nil, access: AccessCheck? = nil) {
            self.clock = clock; self.policy = policy; self.scope = scope; self.snapshotEvery = snapshotEvery
            self.access = access
        }
    }

    /// Opens the store for reading and writing as `actor`.
    public func open(actor: String, _ o: Options = Options()) throws(StoreError) -> any CaseStore {
        switch self {
        case .directory(let d):
            let s = try FileStore(paths: StorePaths(directory: d), actor: actor, clock: o.clock, policy: o.policy, scope: o.scope)
            if let every = o.snapshotEvery { s.snapshotEvery = every }
            s.access = o.access
            return s
        case .memory(let n):
            guard let stream = MemoryStreams.existing(n) else { throw .notFound(path: description) }
            let s = try MemoryStore(stream: stream, actor: actor, clock: o.clock, policy: o.policy)
            s.access = o.access
            return s
        case .postgres(let p):
            let s = try PostgresStore(location: p, actor: actor, clock: o.clock, policy: o.policy)
            if let every = o.snapshotEvery { s.snapshotEvery = every }
            s.access = o.access
            return s
        }
    }

    /// Opens the store read-only: the handle has no way to write.
    public func openFeed(_ o: Options = Options()) throws(StoreError) -> any CaseFeed {
        switch self {
        case .directory(let d): return try FileFeed(paths: StorePaths(directory: d), clock: o.clock, policy: o.policy)
        case .memory, .postgres: return ReadOnlyFeed(try open(actor: "viewer", o))
        }
    }

    /// Creates a store registered with `commands` (units and agencies), all or nothing.
    public func create(actor: String, commands: [Command], _ o: Options = Options(), createParents: Bool = false) throws(StoreError) -> any CaseStore {
        switch self {
        case .directory(let d):
            let s = try FileStore.create(paths: StorePaths(directory: d), actor: actor, commands: commands, clock: o.clock,
                                         policy: o.policy, createParents: createParents)
            if let every = o.snapshotEvery { s.snapshotEvery = every }
            return s
        case .memory(let n):
            let stream = try MemoryStreams.make(n)
            let s = try MemoryStore(stream: stream, actor: actor, clock: o.clock, policy: o.policy)
            do { _ = try s.execute(commands, rejected: nil) } catch {
                MemoryStreams.remove(n)
                throw error
            }
            return s
        case .postgres(let p):
            let s = try PostgresStore.create(location: p, actor: actor, commands: commands, clock: o.clock, policy: o.policy)
            if let every = o.snapshotEvery { s.snapshotEvery = every }
            return s
        }
    }
}

/// The in-memory streams of this process, by name, so that several handles (the
/// demo's console and its simulator) share one.
enum MemoryStreams {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var streams: [String: MemoryStream] = [:]

    static func existing(_ name: String) -> MemoryStream? { lock.withLock { streams[name] } }

    static func make(_ name: String) throws(StoreError) -> MemoryStream {
        let made: MemoryStream? = lock.withLock {
            guard streams[name] == nil else { return nil }
            let s = MemoryStream(name: name)
            streams[name] = s
            return s
        }
        guard let made else { throw .exists(path: "memory:\(name)") }
        return made
    }

    static func remove(_ name: String) { _ = lock.withLock { streams.removeValue(forKey: name) } }
}
