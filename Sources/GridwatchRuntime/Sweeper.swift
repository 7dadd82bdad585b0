import DispatchCore
import EventStore

/// Records what time has made due (supervision cards, overdue warnings) through a
/// store; shared by `gridwatch sweep`, the console and the demo.
public enum Sweeper {
    /// Records what is due. Returns the cards and warnings recorded.
    @discardableResult
    public static func run(_ store: any CaseStore) throws(StoreError) -> (cards: Int, warnings: Int) {
        // The model was brought up to the clock when the store was opened or refreshed.
        // Only what this person may record: a town's console sweeps its town. What is
        // left is swept by the consoles (or the cron job) whose grants cover it.
        let model = store.model
        let due = model.sweep(at: model.now).map(Command.bySweep).filter { store.access?.refusal($0, in: model) == nil }
        guard !due.isEmpty else { return (0, 0) }
        // Refusals are expected: another sweep may have recorded the same card first.
        let events = try store.execute(due, rejected: { _, _ in })
        return (events.filter { $0.type == .caseSupervised }.count, events.filter { $0.type == .warningRaised }.count)
    }
}
