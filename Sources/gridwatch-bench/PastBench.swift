import DispatchCore
import EventStore
import Foundation

/// 9. A moment a week back: `stats --as-of` on the 1M-event store, starting from the
/// kept snapshot of that day, against replaying the whole log (the kept snapshots
/// moved aside), in the same run.
struct PastBench {
    let gridwatch: String
    let report: Report

    func run(store: StorePaths, events: Int) throws {
        let last = try lastEventTime(store)
        let moment = ISOTime.format(Instant(ms: last.ms - 7 * 86_400_000))
        let argv = [gridwatch, "stats", "--json", "--as-of", moment, "--store", store.directory]
        func median() throws -> Double { try (0..<3).map { _ in try Processes.run(argv).seconds }.sorted()[1] }
        let kept = SnapshotHistory.directory(store)
        let count = (try? FileManager.default.contentsOfDirectory(atPath: kept).count) ?? 0
        let fast = try median()
        let aside = kept + ".bench-aside"
        guard rename(kept, aside) == 0 else { throw BenchError("no kept snapshots at \(kept)") }
        let slow: Double
        do { slow = try median() } catch { rename(aside, kept); throw error }
        rename(aside, kept)
        let label = events >= 1_000_000 ? "\(events / 1_000_000)M" : "\(events / 1000)k"
        report.row("9", "stats --as-of a week back on \(label) events, from a kept snapshot (\(count) kept)", seconds(fast),
                   "whole log \(seconds(slow))", ratio: slow / fast, target: "≈ 1 s", met: fast < 1.5)
    }

    private func lastEventTime(_ store: StorePaths) throws -> Instant {
        var last: Instant?
        do {
            let scan = try EventScanner(paths: store)
            while true {
                let batch = try scan.next()
                guard let e = batch.last else { break }
                last = e.event.at
            }
        } catch { throw BenchError(error.description) }
        guard let last else { throw BenchError("the store is empty") }
        return last
    }
}
