import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// What the conformance suite needs from a backend: handles on one fresh stream.
protocol StoreBackend: AnyObject {
    /// Starts a fresh stream registered with `StoreTestCase.units`.
    func makeStream(clock: ManualClock, policy: Policy) throws
    /// Another writing handle on the same stream, as another process would open it.
    func open(actor: String) throws -> any CaseStore
    /// A read-only handle on the same stream.
    func openFeed() throws -> any CaseFeed
}

/// One set of store tests, written once and run against every store (each backend's
/// test class calls every check). What one store guarantees, all of them must.
struct StoreConformance {
    let backend: StoreBackend
    let clock = ManualClock(Instant(ms: 1_800_000_000_000))
    let unitEvents = UInt64(StoreTestCase.units.count)

    init(_ backend: StoreBackend) throws {
        self.backend = backend
        try backend.makeStream(clock: clock, policy: StoreTestCase.quietPolicy)
    }

    func alert(_ title: String = "物业费纠纷") -> Command { Self.alert(title) }

    static func alert(_ title: String) -> Command {
        .report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001", title: title))
    }

    /// An append is numbered after the registrations, carries its actor, and is there
    /// for a handle opened afterwards, with the same head.
    func append() throws {
        let s = try backend.open(actor: "li.ming@centre")
        let made = try s.execute(alert())
        XCTAssertEqual(made.map(\.seq), [unitEvents + 1])
        XCTAssertEqual(made.first?.event.body.caseNumber, "GW000001")
        XCTAssertEqual(made.first?.event.actor, "li.ming@centre")
        XCTAssertEqual(made.first?.caseVersion, 1)
        XCTAssertEqual(s.lastSeq, unitEvents + 1)
        let later = try backend.open(actor: "other")
        XCTAssertEqual(later.lastSeq, s.lastSeq)
        XCTAssertEqual(later.headHash, s.headHash)
        XCTAssertEqual(later.model.case("GW000001")?.title, "物业费纠纷")
    }

    /// A batch with a refusal writes nothing at all; with `rejected`, only the good ones.
    func batchRefusal() throws {
        let s = try backend.open(actor: "t")
        let bad = Command.report(NewCase(category: .petition, level: .red, location: "nowhere", title: "x"))
        XCTAssertThrowsError(try s.execute([alert("a"), bad, alert("b")], rejected: nil)) { e in
            XCTAssertEqual(e as? StoreError, .domain(.unknownUnit("nowhere")))
        }
        XCTAssertEqual(try backend.open(actor: "x").lastSeq, unitEvents, "nothing of the batch was written")
        // The refusing handle is not left believing in the half-decided batch.
        XCTAssertEqual(try s.execute(alert("c")).first?.event.body.caseNumber, "GW000001")
        var refused: [Int] = []
        let made = try s.execute([alert("d"), bad, alert("e")]) { i, _ in refused.append(i) }
        XCTAssertEqual(refused, [1])
        XCTAssertEqual(made.compactMap(\.event.body.caseNumber), ["GW000002", "GW000003"])
        XCTAssertEqual(try backend.open(actor: "x").model.cases.map(\.title), ["c", "d", "e"])
    }

    /// Writers on two threads at once: every append lands once, numbers are unique and
    /// the sequence has no gap.
    func concurrentWriters() throws {
        let a = try backend.open(actor: "a"), b = try backend.open(actor: "b")
        let perWriter = 40
        let failures = Failures()
        // Each thread uses only its own handle, as each process would.
        let writers = Unchecked([a, b])
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            let store = writers.value[w]
            for i in 0..<perWriter {
                do { _ = try store.execute([StoreConformance.alert("\(w)-\(i)")], rejected: nil) } catch { failures.add("\(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        let feed = try backend.openFeed()
        XCTAssertEqual(feed.model.cases.count, 2 * perWriter)
        XCTAssertEqual(Set(feed.model.cases.map(\.number)).count, 2 * perWriter, "no number given twice")
        XCTAssertEqual(feed.lastSeq, unitEvents + UInt64(2 * perWriter))
        let seqs = try feed.events(in: 1...feed.lastSeq).map(\.seq)
        XCTAssertEqual(seqs, Array(1...feed.lastSeq), "gap-free")
    }

    /// An action against a version that is no longer current is refused and writes nothing.
    func caseVersionConflict() throws {
        let a = try backend.open(actor: "a"), b = try backend.open(actor: "b")
        try a.execute(alert())
        _ = try b.refresh()
        let seen = b.model.case("GW000001")?.version
        try a.execute(.act(.accept(note: ""), on: "GW000001", expectedVersion: seen))
        let head = a.lastSeq
        XCTAssertThrowsError(try b.execute(.act(.void(reason: "误报"), on: "GW000001", expectedVersion: seen))) { e in
            XCTAssertEqual(e as? StoreError, .domain(.conflict(case: "GW000001", expected: 1, actual: 2)))
        }
        XCTAssertEqual(try backend.open(actor: "x").lastSeq, head, "nothing written")
        XCTAssertEqual(b.model.case("GW000001")?.state, .accepted, "and the refused writer sees the fresh state")
    }

    /// A handle catches up with what others appended, in order, with the same events.
    func catchingUp() throws {
        let a = try backend.open(actor: "a"), feed = try backend.openFeed()
        let made = try a.execute([alert("one"), alert("two")], rejected: nil)
        let seen = try feed.refresh()
        XCTAssertEqual(seen.map(\.id), made.map(\.id))
        XCTAssertEqual(seen.map(\.seq), made.map(\.seq))
        XCTAssertEqual(feed.model.cases.map(\.title), ["one", "two"])
        XCTAssertEqual(feed.headHash, a.headHash)
        XCTAssertEqual(try feed.refresh().count, 0, "nothing twice")
    }

    /// Another writer's append makes the feed's descriptor readable and is reported once.
    func changeNotification() throws {
        let a = try backend.open(actor: "a"), feed = try backend.openFeed()
        _ = feed.takeChanges()
        let fd = feed.changeDescriptor
        XCTAssertGreaterThanOrEqual(fd, 0, "both backends can notify")
        XCTAssertGreaterThan(feed.pollInterval, 0)
        try a.execute(alert())
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&p, 1, 2000), 1, "readable after an append")
        XCTAssertTrue(feed.takeChanges())
        XCTAssertEqual(try feed.refresh().count, 1)
        XCTAssertFalse(feed.takeChanges(), "drained")
    }

    /// Every event links to the one before it, and its hash is its content's.
    func hashChain() throws {
        let a = try backend.open(actor: "a")
        try a.execute([alert("one"), alert("two")], rejected: nil)
        try a.execute(.act(.accept(note: "收到"), on: "GW000001", expectedVersion: nil))
        let all = try a.events(in: 1...a.lastSeq)
        var prev = EnvelopeCodec.genesis
        for e in all {
            XCTAssertEqual(e.prevHash, prev, "event \(e.seq) links to the one before")
            let (_, hash) = EnvelopeCodec.encode(seq: e.seq, id: e.id, event: e.event, caseVersion: e.caseVersion, prevHash: e.prevHash)
            XCTAssertEqual(hash, e.hash, "event \(e.seq)'s hash is its content's")
            prev = e.hash
        }
        XCTAssertEqual(a.headHash, hexString(prev))
        XCTAssertEqual(try backend.openFeed().headHash, a.headHash)
    }

    /// Reading back a range gives exactly the events in it.
    func eventsInRange() throws {
        let a = try backend.open(actor: "a")
        for t in ["one", "two", "three"] { try a.execute(alert(t)) }
        let feed = try backend.openFeed()
        let mid = try feed.events(in: (unitEvents + 2)...(unitEvents + 3))
        XCTAssertEqual(mid.map(\.seq), [unitEvents + 2, unitEvents + 3])
        XCTAssertEqual(mid.compactMap(\.event.body.caseNumber), ["GW000002", "GW000003"])
        XCTAssertEqual(try feed.events(in: (unitEvents + 3)...(unitEvents + 50)).map(\.seq), [unitEvents + 3], "only what exists")
    }

    /// A case's history lists its events, oldest first, for any handle.
    func historyOfACase() throws {
        let a = try backend.open(actor: "a")
        try a.execute([alert("one"), alert("two")], rejected: nil)
        try a.execute(.act(.accept(note: ""), on: "GW000001", expectedVersion: nil))
        try a.execute(.act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), on: "GW000001", expectedVersion: nil))
        let feed = try backend.openFeed()
        for h in [a, feed] as [any CaseFeed] {
            let seqs = h.history(of: "GW000001")
            XCTAssertEqual(try seqs.flatMap { try h.events(in: $0...$0) }.map(\.type), [.caseReported, .caseAccepted, .caseDispatched])
            XCTAssertEqual(h.history(of: "GW000002").count, 1)
            XCTAssertEqual(h.history(of: "GW999999"), [])
        }
    }

    /// A command the access policy refuses is recorded as `accessDenied` (a few a
    /// minute per account, however many are tried) and reported as such; with a
    /// `rejected` handler the rest of the batch goes ahead.
    func accessRefusal() throws {
        let s = try backend.open(actor: "li.ming (uid 1001)")
        s.access = AccessCheck(Principal(name: "li.ming", uid: 1001, grants: [Grant(role: .intake, unit: "210203")]))
        let number = try s.execute(alert()).first?.event.body.caseNumber ?? ""
        let start = s.lastSeq
        let accept = Command.act(.accept(note: ""), on: number, expectedVersion: nil)
        for _ in 0..<(Model.deniedPerWindow + 5) {
            XCTAssertThrowsError(try s.execute(accept)) { e in
                guard case .domain(.accessDenied(let why))? = e as? StoreError else { return XCTFail("\(e)") }
                XCTAssertTrue(why.contains("outside the units you work"), why)
            }
        }
        let recorded = try backend.open(actor: "auditor").events(in: (start + 1)...(start + 100))
        XCTAssertEqual(recorded.map(\.type), Array(repeating: .accessDenied, count: Model.deniedPerWindow), "rate-limited")
        guard case .accessDenied(let d)? = recorded.first?.event.body else { return XCTFail("no denial") }
        XCTAssertEqual([d.name, d.roles, d.action, d.caseNumber], ["li.ming", "intake@210203", "accept", number])
        XCTAssertEqual(d.uid, 1001)
        XCTAssertEqual(recorded.first?.event.actor, "li.ming (uid 1001)")
        XCTAssertEqual(try backend.open(actor: "x").model.case(number)?.state, .reported, "the case is untouched")
        var refused: [Int] = []
        let made = try s.execute([alert("一"), accept, alert("二")], rejected: { i, _ in refused.append(i) })
        XCTAssertEqual(refused, [1])
        XCTAssertEqual(made.map(\.type), [.caseReported, .caseReported], "the allowance is spent: no more denials this minute")
    }

    /// A feed cannot be made to write; a console's heartbeat reaches it.
    func readOnlyFeedAndHeartbeat() throws {
        let feed = try backend.openFeed()
        XCTAssertNil(feed as? any CaseStore, "a feed has no way to write, not even by a cast")
        XCTAssertNil(feed.lastHeartbeat(), "no console yet")
        try backend.open(actor: "console").heartbeat()
        XCTAssertNotNil(feed.lastHeartbeat())
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.withLock { list.append(s) } }
    var all: [String] { lock.withLock { list } }
}

/// A value handed to other threads by a test that keeps each thread to its own part.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
