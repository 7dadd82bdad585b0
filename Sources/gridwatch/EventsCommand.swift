import ArgumentParser
import DispatchCore
import EventLog
import EventStore

/// `gridwatch events`: the log as text or JSON Lines; read-only.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the event log as text or JSON Lines.",
        discussion: "Opens the log read-only: works for a user who may only read the store."
    )

    @OptionGroup var options: StoreOptions
    @Flag(help: "Keep printing events as they are appended.") var follow = false
    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: ArgumentHelp("Only events with sequence numbers greater than SEQ.", valueName: "SEQ")) var since: UInt64 = 0
    @Flag(help: "Print only the current head hash (to anchor elsewhere) and its sequence number.") var head = false

    func run() throws {
        try runReporting {
            let feed = try options.openForReading()
            if head {
                Output.line("\(feed.headHash) \(feed.lastSeq)")
                return
            }
            if feed.lastSeq > since {
                let all: [StoredEvent]
                all = try feed.events(in: (since + 1)...feed.lastSeq)
                for e in all { Output.line(render(e)) }
            }
            Output.flush()
            guard follow else { return }
            let waiter = ChangeWaiter(path: feed.logPath)
            while true {
                waiter.wait(timeoutMs: 1000)
                let new: [StoredEvent]
                new = try feed.refresh()
                for e in new where e.seq > since { Output.line(render(e)) }
                Output.flush()
            }
        }
    }

    private func render(_ e: StoredEvent) -> String { json ? EventFormat.json(e) : EventFormat.text(e) }
}
