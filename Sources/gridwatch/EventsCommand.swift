import ArgumentParser
import DispatchCore
import EventLog
import EventStore
import GridwatchRuntime

/// `gridwatch events`: the log as text or JSON Lines; read-only.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the event log as text or JSON Lines.",
        discussion: "Opens the log read-only: works for a user who may only read the store."
    )

    @OptionGroup var options: StoreOptions
    @Flag(help: "Print the last 10 events, then each one as it is appended (like tail -f); --since starts elsewhere.") var follow = false
    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: ArgumentHelp("Only events with sequence numbers greater than SEQ.", valueName: "SEQ")) var since: UInt64?
    @Flag(help: "Print only the current head hash (to anchor elsewhere) and its sequence number.") var head = false

    func run() throws {
        try runReporting {
            // No model: events are read straight from the store, from the snapshot's
            // position on when only later ones are wanted.
            let scanner: any EventScan
            let location = try options.location()
            _ = try options.requireWhole(.viewer, for: "events", at: location)
            do throws(StoreError) { scanner = try location.scan() } catch { throw CLIError(error) }
            if head {
                let h = try scanner.head()
                Output.line("\(h.hash) \(h.seq)")
                return
            }
            scanner.skip(through: try start(location))
            while true {
                let batch = try scanner.next()
                if batch.isEmpty { break }
                for e in batch { Output.line(render(e)) }
            }
            Output.flush()
            guard follow else { return }
            // Following outlives a store that goes away for a while (a database restart):
            // say so once, keep asking, and go on from the same place when it is back.
            var lost = false
            while true {
                scanner.waitForChange(timeoutMs: 1000)
                do throws(StoreError) {
                    for e in try scanner.next() { Output.line(render(e)) }
                    if lost { Output.note("events: the store is back; following again"); lost = false }
                } catch .unavailable(let why) {
                    if !lost { Output.note("events: lost the store (\(why)); waiting for it") }
                    lost = true
                }
                Output.flush()
            }
        }
    }

    /// Where printing starts: `--since`, else the whole log, or for `--follow` the last
    /// 10 events (a log of a million events is not printed before following it).
    private func start(_ location: StoreLocation) throws -> UInt64 {
        if let since { return since }
        guard follow else { return 0 }
        do throws(StoreError) {
            let head = try location.scan().head().seq
            return head - min(head, 10)
        } catch { throw CLIError(error) }
    }

    private func render(_ e: StoredEvent) -> String { json ? EventFormat.json(e) : EventFormat.text(e) }
}
