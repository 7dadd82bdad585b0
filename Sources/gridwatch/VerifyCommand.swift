import ArgumentParser
import EventStore
import GridwatchRuntime

/// `gridwatch verify`: framing, checksums, sequence and hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the store's framing, checksums, sequence and hash chain.",
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
            let location = try options.location()
            _ = try options.requireWhole(.viewer, for: "verify", at: location)
            let v: StoreLocation.Verification
            do throws(StoreError) { v = try location.verify(anchor: anchor, quick: quick) } catch { throw CLIError(error) }
            if let note = v.note { Output.note("verify --quick: \(note); checking the whole store") }
            let report = v.report, start = v.start
            if let problem = report.problem {
                throw CLIError("verify: \(problem.describe(place: v.placeName)) (\(report.records) records sound before it)")
            }
            if let tail = report.tornTail {
                Output.note("note: unfinished batch at the end (\(tail)); never acknowledged, the next writer removes it")
            }
            let scope = start.seq > 0 ? " after the snapshot at seq \(start.seq), which matches the store" : ""
            Output.line("ok: \(report.records) records\(scope), last seq \(report.lastSeq), head \(report.head)")
        }
    }
}
