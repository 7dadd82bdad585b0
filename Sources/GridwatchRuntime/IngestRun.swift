import DispatchCore
import EventStore
import Foundation

/// What an ingest run tells its caller, line by line, in input order.
public protocol IngestReporter: AnyObject {
    /// A line became this case.
    func appended(line: Int, number: String)
    /// A line repeated an external id already recorded; nothing was written for it.
    func duplicate(line: Int, reason: String)
    /// A line was refused.
    func rejected(line: Int, reason: String)
    /// A batch was written: a good moment to flush output.
    func batchWritten()
}

/// Counts for the closing summary.
public struct IngestTally: Sendable {
    public var appended = 0
    public var duplicates = 0
    public var rejected = 0
    public init() {}
}

/// A batch of lines after parsing: the alerts, and the lines refused with the reason.
private struct ParsedBatch: Sendable {
    var good: [(line: Int, alert: NewCase)] = []
    var refused: [(line: Int, reason: String)] = []
}

/// What became of one line.
private enum Outcome {
    case appended(String), duplicate(String), rejected(String)
}

/// One ingest pass: parse lines, batch the good ones (one durable append each), report
/// the bad ones with their line numbers, in input order.
public struct IngestRun {
    let store: any CaseStore
    let source: LineSource
    let batchSize: Int
    let reporter: any IngestReporter

    /// A run reading `source` into `store`, `batchSize` lines a batch.
    public init(store: any CaseStore, source: LineSource, batchSize: Int, reporter: any IngestReporter) {
        self.store = store; self.source = source; self.batchSize = batchSize; self.reporter = reporter
    }

    /// Reads to the end of input. Throws if the store or the input fails; what was
    /// appended before that stays appended (and was reported).
    public func run(_ tally: inout IngestTally) throws(RuntimeError) {
        var lines: [LineSource.Item] = []
        var parsing: SideTask<ParsedBatch>?
        while true {
            while let item = source.next() {
                lines.append(item)
                if lines.count >= batchSize { try handOver(&lines, &parsing, &tally) }
            }
            if source.atEnd { break }
            // A slow pipe: write what has arrived before waiting for more.
            if !lines.isEmpty || parsing != nil, !source.waitReadable(timeoutMs: 200) {
                try handOver(&lines, &parsing, &tally)
                try finish(&parsing, &tally)
            }
            _ = try source.fill()
        }
        try handOver(&lines, &parsing, &tally)
        try finish(&parsing, &tally)
    }

    /// Starts parsing `lines` on a second core, then appends the batch parsed before
    /// them: the next batch is parsed while this one is decided and written.
    private func handOver(_ lines: inout [LineSource.Item], _ parsing: inout SideTask<ParsedBatch>?,
                          _ tally: inout IngestTally) throws(RuntimeError) {
        let batch = lines
        lines.removeAll(keepingCapacity: true)
        // Times in the lines read as `raise --reported-at` reads them: local ones in the
        // host's time zone, relative ones from now.
        let clock = (now: store.model.now, utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        let next = batch.isEmpty ? nil : SideTask { IngestRun.parse(batch, clock: clock) }
        try finish(&parsing, &tally)
        parsing = next
    }

    /// Appends the batch being parsed, if any, once it is parsed.
    private func finish(_ parsing: inout SideTask<ParsedBatch>?, _ tally: inout IngestTally) throws(RuntimeError) {
        guard let task = parsing else { return }
        parsing = nil
        let batch: ParsedBatch
        do { batch = try task.value() } catch { throw .store(error) }
        try flush(batch, &tally)
    }

    /// Parses a batch of lines; blank lines are skipped, bad ones kept with the reason.
    private static func parse(_ lines: [LineSource.Item], clock: (now: Instant, utcOffsetSeconds: Int)) -> ParsedBatch {
        var batch = ParsedBatch()
        for item in lines {
            switch item {
            case .tooLong(let n):
                batch.refused.append((n, "line is too long (limit \(FlatJSON.maxLineBytes) bytes)"))
            case .line(let n, let bytes):
                if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                do { batch.good.append((n, try IntakeLine.parse(bytes, clock: clock))) } catch { batch.refused.append((n, error.description)) }
            }
        }
        return batch
    }

    /// Appends the good lines of a batch as one durable append, then reports every line
    /// of the batch, good and bad, in line order.
    private func flush(_ batch: ParsedBatch, _ tally: inout IngestTally) throws(RuntimeError) {
        let pending = batch.good
        var outcomes: [(line: Int, outcome: Outcome)] = batch.refused.map { ($0.line, .rejected($0.reason)) }
        if !pending.isEmpty {
            var domain: [Int: DomainError] = [:]
            let events: [StoredEvent]
            do { events = try store.execute(pending.map { .report($0.alert) }) { i, e in domain[i] = e } } catch { throw .store(error) }
            var numbers = events.compactMap { e -> String? in
                if case .caseReported(let r) = e.event.body { return r.number }
                return nil
            }.makeIterator()
            for (i, p) in pending.enumerated() {
                if let e = domain[i] {
                    if case .duplicate = e { outcomes.append((p.line, .duplicate(e.description))) } else { outcomes.append((p.line, .rejected(e.description))) }
                } else if let n = numbers.next() {
                    outcomes.append((p.line, .appended(n)))
                }
            }
        }
        for (line, outcome) in outcomes.sorted(by: { $0.line < $1.line }) {
            switch outcome {
            case .appended(let n): tally.appended += 1; reporter.appended(line: line, number: n)
            case .duplicate(let why): tally.duplicates += 1; reporter.duplicate(line: line, reason: why)
            case .rejected(let why): tally.rejected += 1; reporter.rejected(line: line, reason: why)
            }
        }
        if !outcomes.isEmpty { reporter.batchWritten() }
    }
}
