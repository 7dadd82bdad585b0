import ArgumentParser
import EventStore

/// `gridwatch verify`: framing, checksums, sequence and hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the log's framing, checksums, sequence and hash chain.",
        discussion: "Exit 0 if sound; 1 with the first bad offset (or tampered sequence number) otherwise."
    )

    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp("A head hash recorded earlier (events --head) that must still be in the chain.", valueName: "HASH"))
    var anchor: String?

    func run() throws {
        try runReporting {
            let report: VerifyReport
            report = try LogVerifier.verify(path: options.paths.log, anchor: anchor)
            if let problem = report.problem {
                throw CLIError("verify: \(problem.description) (\(report.records) records sound before it)")
            }
            if let tail = report.tornTail {
                Output.note("note: unfinished batch at the end (\(tail)); never acknowledged, the next writer removes it")
            }
            Output.line("ok: \(report.records) records, last seq \(report.lastSeq), head \(report.head)")
        }
    }
}
