import ArgumentParser
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `--as-of TIME` and `--as-of-seq N`: the state as it stood then (复盘), replayed from
/// the log up to that moment. Read-only by nature: nothing is decided or written.
struct PastOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), parsing: .unconditional,
            help: ArgumentHelp("Show the state as it stood at this time (ISO 8601, local YYYY-MM-DD HH:MM, or -2h).", valueName: "TIME"))
    var asOf: String?
    @Option(name: .customLong("as-of-seq"), help: ArgumentHelp("Show the state after event N.", valueName: "N"))
    var asOfSeq: UInt64?

    /// The model then, with the moment it stands for (nil: now, `current` itself).
    func model(_ current: Model, _ options: StoreOptions) throws -> (model: Model, moment: String?) {
        guard asOf != nil || asOfSeq != nil else { return (current, nil) }
        let until = try asOf.map { try TimeArgument.past($0, now: current.now) }
        var m = Model(policy: try options.policy(), now: until ?? current.now)
        var last: (seq: UInt64, at: Instant)?
        do {
            let scan = try options.location().scan()
            reading: while true {
                let batch = try scan.next()
                if batch.isEmpty { break }
                for e in batch {
                    if let n = asOfSeq, e.seq > n { break reading }
                    if let t = until, e.event.at > t { break reading }
                    m.apply(e.event)
                    last = (e.seq, e.event.at)
                }
            }
        } catch let e as StoreError { throw CLIError(e) }
        m.advance(to: until ?? last?.at ?? current.now)
        let when = TimeInput.format(m.now, utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        return (m, "as of \(when), after event \(last?.seq ?? 0): a view of the past")
    }
}
