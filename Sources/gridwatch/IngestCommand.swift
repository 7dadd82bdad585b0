import ArgumentParser
import DispatchCore
import EventStore
import GridwatchRuntime
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
            let store = try options.openForWriting(.intake, for: "ingest")
            defer { store.close() }
            let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError("cannot open \(file): \(String(cString: strerror(errno)))") }
            defer { if fd != 0 { close(fd) } }
            var tally = IngestTally()
            let output = IngestOutput()
            let run = IngestRun(store: store, source: LineSource(fd: fd, maxLine: FlatJSON.maxLineBytes), batchSize: batch,
                                reporter: output)
            do throws(RuntimeError) { try run.run(&tally) } catch { throw CLIError(error.description) }
            Output.flush()
            Output.note("ingest: \(tally.appended) appended, \(tally.duplicates) duplicates skipped, \(tally.rejected) rejected")
            // Lines the access policy refused make it a refusal (77), whatever else was bad.
            if output.denied > 0 { throw ExitCode(77) }
            if tally.rejected > 0 { throw ExitCode(1) }
        }
    }
}

/// Prints an ingest run: appended cases on stdout, refusals on stderr, in line order.
final class IngestOutput: IngestReporter {
    /// Lines the access policy refused.
    private(set) var denied = 0
    func appended(line: Int, number: String) { Output.line("\(line) \(number)") }
    func duplicate(line: Int, reason: String) { Output.note("line \(line): \(reason); skipped") }
    func rejected(line: Int, reason: String) {
        if reason.hasPrefix("access denied") { denied += 1 }
        Output.note("line \(line): \(reason)")
    }
    func batchWritten() { Output.flush() }
}
