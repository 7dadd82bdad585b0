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
    /// Reports waiting for the store thread, and whether a turn to record them is queued.
    private let reports = Mutex<(waiting: [PendingReport], queued: Bool)>(([], false))

    /// What a recorded report came to: its case, and whether it was there already.
    struct Reported: Sendable {
        var number: String
        var dueAt: Instant
        var replayed: Bool
    }

    private struct PendingReport: Sendable {
        var newCase: NewCase
        var acting: Acting
        var done: CheckedContinuation<Result<Reported, ServeError>, Never>
    }

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

    /// Records a report as `acting`, or finds the case an earlier try with its external id
    /// recorded. Reports that arrive while the store is busy are recorded together, as
    /// one durable batch (group commit): many connections then cost one write, not one each.
    func report(_ n: NewCase, as acting: Acting) async throws(ServeError) -> Reported {
        let result = await withCheckedContinuation { (done: CheckedContinuation<Result<Reported, ServeError>, Never>) in
            let first = reports.withLock { r in
                r.waiting.append(PendingReport(newCase: n, acting: acting, done: done))
                defer { r.queued = true }
                return !r.queued
            }
            if first { Task { try? await self.run { s, me throws(ServeError) in me.recordWaiting(s) } } }
        }
        return try result.get()
    }

    /// On the store thread: everything waiting, in batches of one actor each.
    private func recordWaiting(_ s: any CaseStore) {
        let waiting = reports.withLock { r in
            defer { r.waiting = []; r.queued = false }
            return r.waiting
        }
        do { try freshen(s, force: false) } catch {
            for w in waiting { w.done.resume(returning: .failure(error)) }
            return
        }
        var start = 0
        while start < waiting.count {
            var end = start + 1
            while end < waiting.count, waiting[end].acting.actor == waiting[start].acting.actor { end += 1 }
            record(Array(waiting[start..<end]), s)
            start = end
        }
    }

    private func record(_ batch: [PendingReport], _ s: any CaseStore) {
        var fresh: [PendingReport] = []
        for w in batch {
            if let r = replay(w.newCase, in: s.model) { w.done.resume(returning: .success(r)) } else { fresh.append(w) }
        }
        guard let acting = fresh.first?.acting else { return }
        var refused: [Int: DomainError] = [:]
        let events: [StoredEvent]
        do throws(StoreError) {
            events = try s.execute(fresh.map { .report($0.newCase) }, as: acting, rejected: { i, e in refused[i] = e })
        } catch {
            for w in fresh { w.done.resume(returning: .failure(ServeError.from(error))) }
            return
        }
        note(events, in: s.model)
        // Each command not refused reported one case, in order.
        var numbers = events.compactMap { e -> String? in
            if case .caseReported(let r) = e.event.body { return r.number } else { return nil }
        }.makeIterator()
        for (i, w) in fresh.enumerated() {
            if let e = refused[i] {
                // Another writer, or an earlier request in this batch, had the same id.
                if case .duplicate = e, let r = replay(w.newCase, in: s.model) { w.done.resume(returning: .success(r)); continue }
                w.done.resume(returning: .failure(ServeError.from(e)))
            } else if let n = numbers.next(), let c = s.model.case(n) {
                w.done.resume(returning: .success(Reported(number: n, dueAt: c.dueAt, replayed: false)))
            } else {
                w.done.resume(returning: .failure(ServeError(.serviceUnavailable, "no case was recorded; try again")))
            }
        }
    }

    private func replay(_ n: NewCase, in m: Model) -> Reported? {
        guard !n.externalId.isEmpty, let number = m.caseNumber(forExternalId: n.externalId) else { return nil }
        return Reported(number: number, dueAt: m.case(number)?.dueAt ?? m.now, replayed: true)
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
