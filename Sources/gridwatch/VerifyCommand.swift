import ArgumentParser
import EventStore

/// `gridwatch verify`: framing, checksums, sequence and hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log's framing, checksums, sequence and hash chain.",
        discussion: "Exit 0 if sound; 1 with the first bad offset (or tampered sequence number) otherwise. With --quick, only the snapshot's last record and what follows it are checked."
    )

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("A head hash recorded earlier (events --head) that must still be in the chain.", valueName: "HASH"))
    var anchor: String?
    @Flag(help: "Check only that the snapshot matches the log, and the records after it.") var quick = false

    func run() throws {
        try runReporting {
            // An anchor may lie before the snapshot: only a check of the whole chain can find it.
            if quick, anchor != nil { throw CLIError("--anchor checks the whole chain; use it without --quick", code: 64) }
            let paths = try options.filePaths("verify")
            var start = VerifyStart.beginning
            if quick {
                let (after, problem) = VerifyStart.afterSnapshot(paths)
                if let after { start = after } else {
                    Output.note("verify --quick: \(problem ?? "no snapshot"); checking the whole log")
                }
            }
            let report = try LogVerifier.verify(path: paths.log, anchor: anchor, from: start)
            if let problem = report.problem {
                throw CLIError("verify: \(problem.description) (\(report.records) records sound before it)")
            }
            if let tail = report.tornTail {
                Output.note("note: unfinished batch at the end (\(tail)); never acknowledged, the next writer removes it")
            }
            let scope = start.seq > 0 ? " after the snapshot at seq \(start.seq), which matches the log" : ""
            Output.line("ok: \(report.records) records\(scope), last seq \(report.lastSeq), head \(report.head)")
        }
    }
}
