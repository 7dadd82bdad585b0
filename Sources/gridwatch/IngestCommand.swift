import ArgumentParser
import DispatchCore
import EventStore
#if canImport(Glibc)
import Glibc
#endif

/// `gridwatch ingest`: JSON Lines alerts from department platforms.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Append alerts from JSON Lines (a file, or - for standard input).",
        discussion: """
        One object a line: unit, category, level, title (required); detail, source, reporter, \
        people, external_id, reported_at (optional). Good lines are appended in batches (one \
        fsync each); each bad line is reported on stderr with its number and reason, and the \
        exit status is 1 if any line was bad. A repeated external_id is skipped, not duplicated. \
        Each appended case is printed on stdout as 'LINE NUMBER'.
        """
    )

    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp("The input file, or - for standard input.", valueName: "FILE")) var file: String = "-"
    @Option(help: "Lines per batch.") var batch: Int = 1000

    func run() throws {
        try runReporting {
            guard (1...100_000).contains(batch) else { throw CLIError("--batch must be between 1 and 100000", code: 64) }
            let store = try options.openForWriting()
            defer { store.finish() }
            let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError("cannot open \(file): \(String(cString: strerror(errno)))") }
            defer { if fd != 0 { close(fd) } }
            var tally = IngestTally()
            try IngestRun(store: store, source: LineSource(fd: fd, maxLine: FlatJSON.maxLineBytes), batchSize: batch).run(&tally)
            Output.flush()
            Output.note("ingest: \(tally.appended) appended, \(tally.duplicates) duplicates skipped, \(tally.rejected) rejected")
            if tally.rejected > 0 { throw ExitCode(1) }
        }
    }
}

/// Counts for the closing summary.
struct IngestTally {
    var appended = 0
    var duplicates = 0
    var rejected = 0
}

/// One ingest pass: parse lines, batch the good ones, report the bad ones.
struct IngestRun {
    let store: FileStore
    let source: LineSource
    let batchSize: Int

    func run(_ tally: inout IngestTally) throws {
        var pending: [(line: Int, alert: NewCase)] = []
        while true {
            while let item = source.next() {
                switch item {
                case .tooLong(let n):
                    reject(n, "line is too long (limit \(FlatJSON.maxLineBytes) bytes)", &tally)
                case .line(let n, let bytes):
                    if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                    do { pending.append((n, try IntakeLine.parse(bytes))) } catch { reject(n, error.description, &tally) }
                }
                if pending.count >= batchSize { try flush(&pending, &tally) }
            }
            if source.atEnd { break }
            // A slow pipe: write what has arrived before waiting for more.
            if !pending.isEmpty, !source.waitReadable(timeoutMs: 200) { try flush(&pending, &tally) }
            _ = try source.fill()
        }
        try flush(&pending, &tally)
    }

    private func reject(_ line: Int, _ why: String, _ tally: inout IngestTally) {
        tally.rejected += 1
        Output.note("line \(line): \(why)")
    }

    private func flush(_ pending: inout [(line: Int, alert: NewCase)], _ tally: inout IngestTally) throws {
        guard !pending.isEmpty else { return }
        var refused: [Int: DomainError] = [:]
        let events = try store.execute(pending.map { .report($0.alert) }) { i, e in refused[i] = e }
        var numbers = events.compactMap { e -> String? in
            if case .caseReported(let r) = e.event.body { return r.number }
            return nil
        }.makeIterator()
        for (i, p) in pending.enumerated() {
            if let e = refused[i] {
                if case .duplicate = e { tally.duplicates += 1; Output.note("line \(p.line): \(e.description); skipped") }
                else { reject(p.line, e.description, &tally) }
            } else if let n = numbers.next() {
                tally.appended += 1
                Output.line("\(p.line) \(n)")
            }
        }
        Output.flush()
        pending.removeAll(keepingCapacity: true)
    }
}
