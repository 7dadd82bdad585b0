import ArgumentParser
import EventStore

/// `gridwatch recover`: the guarded repair of a damaged log.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Repair a damaged log: copy it aside, keep every intact record, report what was lost.",
        discussion: """
        The damaged file is kept beside the log as events.log.damaged-TIME. Intact records \
        keep their order; those after a lost one are renumbered and re-chained so that the \
        repaired log verifies. Stop the consoles on the store first.
        """
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        try runReporting {
            let r: RecoveryReport
            let paths = try options.filePaths("recover")
            _ = try options.requireWhole(.admin, for: "recover", at: .directory(paths.directory))
            r = try LogRecovery.recover(paths: paths)
            guard let copy = r.damagedCopy else {
                Output.line("log is sound; nothing to recover")
                return
            }
            Output.line("copied the damaged log to \(copy)")
            for (offset, length) in r.damagedRegions { Output.line("damaged bytes: \(length) at offset \(offset)") }
            Output.line("lost sequence numbers: \(r.lostSequences.isEmpty ? "none" : ranges(r.lostSequences))")
            Output.line("kept \(r.kept) records; renumbered \(r.renumbered)")
        }
    }

    /// `3-5, 9` from `[3, 4, 5, 9]`.
    private func ranges(_ seqs: [UInt64]) -> String {
        var parts: [String] = []
        var i = 0
        while i < seqs.count {
            var j = i
            while j + 1 < seqs.count, seqs[j + 1] == seqs[j] + 1 { j += 1 }
            parts.append(i == j ? "\(seqs[i])" : "\(seqs[i])-\(seqs[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
