import ArgumentParser
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import Logging

/// `--as-of TIME` and `--as-of-seq N`: the state as it stood then (复盘), replayed from
/// the log up to that moment. Read-only by nature: nothing is decided or written.
struct PastOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), parsing: .unconditional,
            help: ArgumentHelp("Show the state as it stood at this time (ISO 8601, local YYYY-MM-DD HH:MM, or -2h).", valueName: "TIME"))
    var asOf: String?
    @Option(name: .customLong("as-of-seq"), help: ArgumentHelp("Show the state after event N.", valueName: "N"))
    var asOfSeq: UInt64?

    /// Whether a past moment was asked for.
    var isSet: Bool { asOf != nil || asOfSeq != nil }

    func validate() throws {
        if asOf != nil, asOfSeq != nil { throw ValidationError("give --as-of or --as-of-seq, not both") }
        if asOfSeq == 0 { throw ValidationError("--as-of-seq counts from 1 (the store's first event)") }
    }

    /// The store frozen then, or nil when no moment was asked for (`now` is the current
    /// model's time, for relative times such as `-2h`).
    func store(_ options: StoreOptions, now: Instant) throws -> PastStore? {
        guard isSet else { return nil }
        return try store(at: try options.location(), policy: try options.policy(), now: now)
    }

    /// The same for a command that names its store itself (the wall).
    func store(at location: StoreLocation, policy: Policy, now: Instant) throws -> PastStore? {
        guard isSet else { return nil }
        let until = try asOf.map { try TimeArgument.past($0, now: now, flag: "--as-of") }
        let past = try Self.replay(location, policy: policy, until: until, seq: asOfSeq)
        if past.lastSeq == 0 { throw CLIError("nothing had been recorded by \(asOf ?? "then"): the store's first event is later") }
        if let n = asOfSeq, n > past.lastSeq { throw CLIError("--as-of-seq \(n): the store holds only \(past.lastSeq) events") }
        return past
    }

    private static func replay(_ location: StoreLocation, policy: Policy, until: Instant?, seq: UInt64?) throws -> PastStore {
        do {
            let (scan, start, older) = try PastScan.open(location, policy: policy, until: until, seq: seq)
            return try PastStore.replay(scan, policy: policy, until: until, seq: seq, location: location.description,
                                        utcOffsetSeconds: TimeZone.current.secondsFromGMT(), start: start, older: older)
        } catch let e as StoreError { throw CLIError(e) }
    }

    /// The model to report on for `what`: the present's, or, with a moment asked for,
    /// the moment's, with what it stands for. A view of the past does not load the
    /// present at all: with a kept snapshot it costs about one snapshot's load.
    func model(_ options: StoreOptions, for what: String) throws -> (model: Model, moment: String?, access: AccessCheck) {
        guard isSet else {
            let (feed, access) = try options.openForReading(for: what)
            return (feed.model, nil, access)
        }
        let me = try options.require(.viewer, for: what)
        guard let past = try store(options, now: Instant(Date())) else { throw CLIError("no moment of the past was asked for") }
        return (past.model, "as of " + past.moment + ": a view of the past", AccessCheck(me))
    }
}

/// Where a view of the past reads from: for a file store, after the newest kept
/// snapshot before the moment (README, Snapshots), with the case events before it read
/// only if a timeline asks; otherwise the whole stream from its start.
enum PastScan {
    static func open(_ location: StoreLocation, policy: Policy, until: Instant?, seq: UInt64?)
        throws(StoreError) -> (any EventScan, SnapshotHistory.Start?, (() -> [StoredEvent])?) {
        guard let paths = location.paths, let start = SnapshotHistory.start(paths, policy: policy, until: until, seq: seq) else {
            return (try location.scan(), nil, nil)
        }
        let scan = try EventScanner(paths: paths)
        scan.resume(atOffset: start.endOffset, after: start.lastSeq)
        Logger(label: "gridwatch.past").debug("starting the view of the past from the snapshot of event #\(start.lastSeq)")
        let older = { () -> [StoredEvent] in
            guard let s = try? EventScanner(paths: paths) else { return [] }
            var out: [StoredEvent] = []
            while let batch = try? s.next(), !batch.isEmpty {
                for e in batch where e.seq <= start.lastSeq { out.append(e) }
                if let last = batch.last, last.seq >= start.lastSeq { break }
            }
            return out
        }
        return (scan, start, older)
    }
}
