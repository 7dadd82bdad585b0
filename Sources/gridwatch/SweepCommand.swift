import ArgumentParser
import DispatchCore
import EventStore

/// `gridwatch sweep`: apply what time has made due, once (for cron or a systemd timer).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Raise the supervision cards and overdue warnings that time has made due, once.",
        discussion: "Safe to run from several places at once: each card and warning is decided under the writer lock and recorded once."
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        try runReporting {
            let store = try options.openForWriting()
            defer { store.finish() }
            let (cards, warnings) = try Sweeper.run(store)
            Output.line("sweep: \(cards) cards, \(warnings) warnings")
        }
    }
}

/// Runs a sweep through a store; shared by the command, the console and the demo.
enum Sweeper {
    /// Records what is due. Returns the cards and warnings recorded.
    @discardableResult
    static func run(_ store: FileStore) throws(StoreError) -> (cards: Int, warnings: Int) {
        // The model was brought up to the clock when the store was opened or refreshed.
        let due = store.model.sweep(at: store.model.now)
        guard !due.isEmpty else { return (0, 0) }
        // Refusals are expected: another sweep may have recorded the same card first.
        let events = try store.execute(due, rejected: { _, _ in })
        return (events.filter { $0.type == .caseSupervised }.count, events.filter { $0.type == .warningRaised }.count)
    }
}
