import DispatchCore
import EventStore
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /api/v1/events?since=SEQ&wait=S`: the caller's events after `since` as JSON
/// Lines, oldest first. With nothing new, the request waits up to `wait` seconds for
/// something, so a platform follows the stream without polling hard. The
/// `Gridwatch-Next-Since` header says where to go on from, even when every event in
/// between was someone else's.
enum EventFeed {
    static let pageLimit = 1000
    static let scanLimit: UInt64 = 50_000

    static func respond(_ f: RequestFields, caller: Caller, store: ServeStore, maxWait: Int) async throws(ServeError) -> Response {
        guard let since = UInt64(f["since"] ?? "0") else {
            throw .bad("since must be an event sequence number (0 for the start)")
        }
        var wait = 0
        if let w = f["wait"] {
            guard let n = Int(w), n >= 0 else { throw .bad("wait must be a whole number of seconds, 0 or more") }
            // A long poll may always answer sooner: past the service's limit it does.
            wait = min(n, maxWait)
        }
        // A cursor past the stream (a mistyped one, or a store replaced underneath) would
        // otherwise wait, silently, for events that may never come.
        try await store.refreshNow()
        let head = store.head.load(ordering: .relaxed)
        guard since <= head else { throw .bad("since \(since) is past the last event (\(head)); go on from Gridwatch-Next-Since, or 0") }
        let deadline = ContinuousClock.now + .seconds(wait)
        var from = since
        while true {
            let after = from
            let page = try await store.read { s, _ throws(ServeError) in try visible(after: after, caller: caller, s) }
            from = page.next
            // A stopping service answers its long polls now, so that it can stop.
            if !page.lines.isEmpty || ContinuousClock.now >= deadline || Task.isShuttingDownGracefully {
                return response(page.lines, next: from)
            }
            // Cancelled (the service is stopping, or the client went away): answer what there is.
            do { try await Task.sleep(for: .milliseconds(200)) } catch { return response([], next: from) }
            if store.head.load(ordering: .relaxed) <= from { try? await store.refreshNow() }
        }
    }

    /// The caller's events after `since`, reading on through others' events (up to
    /// `scanLimit` of them, so one request's work stays bounded) until some are found.
    private static func visible(after since: UInt64, caller: Caller, _ s: any CaseStore) throws(ServeError) -> (lines: [String], next: UInt64) {
        var from = since, lines: [String] = []
        let m = s.model, check = caller.check
        while lines.isEmpty, from < s.lastSeq, from - since < scanLimit {
            let upper = min(s.lastSeq, from + UInt64(pageLimit))
            let events: [StoredEvent]
            do throws(StoreError) { events = try s.events(in: (from + 1)...upper) } catch { throw ServeError.from(error) }
            for e in events {
                guard let n = e.event.body.caseNumber, let c = m.case(n), check.canSee(c, in: m) else { continue }
                lines.append(EventJSON.object(e))
            }
            from = upper
        }
        return (lines, from)
    }

    private static func response(_ lines: [String], next: UInt64) -> Response {
        var r = JSONResponse.make(lines.map { $0 + "\n" }.joined(), type: "application/x-ndjson; charset=utf-8")
        r.headers[HTTPField.Name("Gridwatch-Next-Since")!] = String(next)
        return r
    }
}
