import DispatchCore
import EventStore
import Foundation
import Synchronization

/// The service's one store handle, and what the service keeps beside the model: when
/// each case last changed (Open311's `updated_datetime` and `updated_after`). Every use
/// runs on the store's own thread (`StoreThread`), so no event loop ever blocks on a
/// disk or a database, and the state here is only touched there.
final class ServeStore: @unchecked Sendable {
    private let thread: StoreThread
    // Touched only on the store thread.
    private var updated: [Int64] = []
    private var lastRefresh = 0.0
    /// The head sequence and when the store was last read, for waiters and `/metrics`.
    let head = Atomic<UInt64>(0)
    private let readAt = Mutex<Double>(0)

    /// Takes over `store`, and reads its history once for each case's last change.
    init(_ store: any CaseStore) async throws(ServeError) {
        thread = StoreThread(store)
        try await run { s, me throws(ServeError) in try me.indexHistory(s) }
    }

    /// Runs `body` on the store thread against a model brought up to date (a refresh
    /// when the store signalled a change or the poll interval passed).
    func read<T: Sendable>(_ body: @escaping @Sendable (any CaseStore, ServeStore) throws(ServeError) -> T) async throws(ServeError) -> T {
        try await run { s, me throws(ServeError) in
            try me.freshen(s, force: false)
            return try body(s, me)
        }
    }

    /// Reads the store now, whatever it signalled (readiness, long polls).
    func refreshNow() async throws(ServeError) {
        try await run { s, me throws(ServeError) in try me.freshen(s, force: true) }
    }

    /// Records `commands` as `acting` against the fresh model, and notes the cases they changed.
    func execute(_ commands: [Command], as acting: Acting) async throws(ServeError) -> [StoredEvent] {
        try await run { s, me throws(ServeError) in
            try me.freshen(s, force: false)
            let events: [StoredEvent]
            do throws(StoreError) { events = try s.execute(commands, as: acting, rejected: nil) } catch { throw ServeError.from(error) }
            me.note(events, in: s.model)
            return events
        }
    }

    /// When case `index` last changed (ms), or its report time.
    func updatedMs(_ c: CaseRecord, index: Int) -> Int64 {
        index < updated.count && updated[index] > 0 ? updated[index] : c.recordedAt.ms
    }

    /// Seconds since the store was last read successfully.
    var secondsSinceRead: Double {
        let at = readAt.withLock { $0 }
        return at == 0 ? 0 : ProcessInfo.processInfo.systemUptime - at
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (any CaseStore, ServeStore) throws(ServeError) -> T) async throws(ServeError) -> T {
        let result: Result<T, ServeError>
        do {
            result = try await thread.run { [self] s in Result { () throws(ServeError) -> T in try body(s, self) } }
        } catch {
            throw ServeError.from(error)
        }
        return try result.get()
    }

    private func freshen(_ s: any CaseStore, force: Bool) throws(ServeError) {
        let now = ProcessInfo.processInfo.systemUptime
        let due = now - lastRefresh >= Double(s.pollInterval) / 1000
        guard s.takeChanges() || due || force else { return }
        let events: [StoredEvent]
        do throws(StoreError) { events = try s.refresh() } catch { throw ServeError.from(error) }
        lastRefresh = now
        readAt.withLock { $0 = now }
        note(events, in: s.model)
    }

    func note(_ events: [StoredEvent], in model: Model) {
        for e in events {
            if let n = e.event.body.caseNumber, let i = model.caseIndex(of: n) {
                if updated.count <= i { updated.append(contentsOf: repeatElement(0, count: i + 1 - updated.count)) }
                updated[i] = e.event.at.ms
            }
        }
        if let last = events.last { head.store(last.seq, ordering: .relaxed) }
    }

    private func indexHistory(_ s: any CaseStore) throws(ServeError) {
        var from: UInt64 = 1
        while from <= s.lastSeq {
            let to = min(s.lastSeq, from + 49_999)
            do throws(StoreError) { note(try s.events(in: from...to), in: s.model) } catch { throw ServeError.from(error) }
            from = to + 1
        }
        head.store(s.lastSeq, ordering: .relaxed)
        lastRefresh = ProcessInfo.processInfo.systemUptime
        readAt.withLock { $0 = lastRefresh }
    }
}
