import DispatchCore
import EventLog
import Foundation

/// Earlier snapshots, kept so that a moment of the past (`--as-of`, `replay`) starts
/// from the newest one before it instead of replaying the whole log. Each is a hard
/// link to a snapshot the store wrote (free until `snapshot.bin` is replaced), under
/// `snapshots/` in the store. Kept: the newest `newest`, and the newest of each of the
/// `days` days before the newest (by the store's own clock); the rest are removed. Like every snapshot, a shortcut only: a
/// missing or damaged one means a longer replay, never a wrong answer.
public enum SnapshotHistory {
    /// How many of the latest snapshots are always kept.
    public static let newest = 2

    /// Days back to keep a snapshot of (`$GRIDWATCH_SNAPSHOT_DAYS`, default 7; 0 keeps none).
    public static func days(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["GRIDWATCH_SNAPSHOT_DAYS"].flatMap(Int.init).map { max(0, min($0, 366)) } ?? 7
    }

    /// Where a store keeps them.
    public static func directory(_ paths: StorePaths) -> String { (paths.directory as NSString).appendingPathComponent("snapshots") }

    /// Keeps the snapshot just written at `paths.snapshot` (for the events through
    /// `lastSeq`, its model's clock at `at`) as `snapshots/SEQ-MS.bin`.
    static func keep(_ paths: StorePaths, lastSeq: UInt64, at: Instant) {
        let days = days()
        let dir = directory(paths)
        guard days > 0 else { return }
        mkdir(dir, 0o770)
        let name = (dir as NSString).appendingPathComponent(String(format: "%020llu-%lld.bin", lastSeq, at.ms))
        unlink(name)
        _ = link(paths.snapshot, name)
        prune(paths, days: days)
    }

    /// The kept snapshots, newest (highest sequence) first, with the time each was taken.
    static func kept(_ paths: StorePaths) -> [(seq: UInt64, at: Int64, path: String)] {
        let dir = directory(paths)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.compactMap { n -> (UInt64, Int64, String)? in
            let parts = n.dropLast(4).split(separator: "-")
            guard n.hasSuffix(".bin"), parts.count == 2, let seq = UInt64(parts[0]), let at = Int64(parts[1]) else { return nil }
            return (seq, at, (dir as NSString).appendingPathComponent(n))
        }.sorted { $0.0 > $1.0 }
    }

    /// Keeps the newest `newest`, and the newest of each day (by the log's own clock)
    /// within `days` of the newest; removes the rest.
    private static func prune(_ paths: StorePaths, days: Int) {
        let all = kept(paths)
        guard let top = all.first?.at else { return }
        // One day more than asked: a moment `days` back needs the snapshot of the day before.
        let horizon = top - Int64(days + 1) * 86_400_000
        var seenDays = Set<Int64>()
        for (i, k) in all.enumerated() {
            let day = k.at / 86_400_000
            let keep = i < newest || (k.at >= horizon && !seenDays.contains(day))
            seenDays.insert(day)
            if !keep { unlink(k.path) }
        }
    }

    /// Where a view of the past starts: the model of the newest snapshot (current or
    /// kept) at or before the moment, and the log offset to read on from.
    public struct Start {
        public var model: Model
        public var lastSeq: UInt64
        public var head: [UInt8]
        public var endOffset: UInt64
    }

    /// The newest snapshot whose last event is at or before `until` and `seq`, checked
    /// against the log; nil when none is (then replay from the start).
    public static func start(_ paths: StorePaths, policy: Policy, until: Instant?, seq: UInt64?) -> Start? {
        guard let log = try? LogReader(path: paths.log) else { return nil }
        let candidates = [paths.snapshot] + kept(paths).map(\.path)
        for path in candidates {
            guard let h = SnapshotReader.header(path).0, seq.map({ h.lastSeq <= $0 }) ?? true else { continue }
            guard (try? SnapshotFile.check(h, record: { (o: UInt64) throws(LogError) in try log.record(at: o) })) != nil,
                  let rec = try? log.record(at: h.lastRecordOffset), let e = try? EnvelopeCodec.decode(rec.payload),
                  until.map({ e.event.at <= $0 }) ?? true else { continue }
            guard let snap = SnapshotReader.full(path, limits: policy.limits).0 else { continue }
            let replay = Replay(snapshot: snap, policy: policy)
            return Start(model: replay.model, lastSeq: h.lastSeq, head: h.head, endOffset: h.endOffset)
        }
        return nil
    }
}
