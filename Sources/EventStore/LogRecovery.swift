import Crypto
import DispatchCore
import EventLog
import Foundation

/// What `recover` did.
public struct RecoveryReport: Sendable {
    /// Where the damaged original was copied.
    public var damagedCopy: String?
    /// Original sequence numbers that could not be saved.
    public var lostSequences: [UInt64] = []
    /// Damaged byte regions (offset, length) in the original.
    public var damagedRegions: [(UInt64, Int)] = []
    /// Records kept.
    public var kept = 0
    /// Records renumbered to close the gap left by lost ones.
    public var renumbered = 0
    /// Whether anything needed repair.
    public var repaired: Bool { damagedCopy != nil }
}

/// Guarded repair of a damaged log: copy the file aside first, keep every record that
/// is intact, renumber and re-chain after the lost ones, and report exactly what was lost.
public enum LogRecovery {
    /// Recovers the store's log. Holds the writer lock so no writer appends meanwhile.
    /// Nothing is changed unless the damaged copy and the repaired log were both
    /// written in full: a failure on the way leaves the log as it was and no partial file.
    public static func recover(paths: StorePaths, now: Date = Date(), ops: FileOps = SystemFileOps.shared) throws(StoreError) -> RecoveryReport {
        let writer: LogWriter
        do { writer = try LogWriter(path: paths.log, ops: ops); try writer.lock() } catch { throw StoreError(error) }
        defer { writer.unlock() }
        let bytes: [UInt8]
        do { bytes = try LogInspector.body(of: paths.log, ops: ops) } catch { throw StoreError(error) }
        let base = UInt64(LogFormat.headerSize)
        if case .clean = LogScanner.scan(bytes, base: base).stop, case nil = try LogVerifier.verify(path: paths.log).problem {
            return RecoveryReport()
        }
        var report = RecoveryReport()
        let salvage = LogScanner.salvage(bytes, base: base)
        report.damagedRegions = salvage.damaged
        let (kept, lost) = survivors(salvage.records)
        report.lostSequences = lost
        report.kept = kept.count
        let copy = paths.log + ".damaged-" + stamp(now)
        do { try DurableFile.write([LogFormat.fileHeader, bytes], to: copy, ops: ops) } catch { throw StoreError(error) }
        report.damagedCopy = copy
        var out: [UInt8] = []
        var prev = EnvelopeCodec.genesis
        for (i, e) in kept.enumerated() {
            let seq = UInt64(i + 1)
            if seq != e.seq { report.renumbered += 1 }
            let (payload, hash) = EnvelopeCodec.encode(seq: seq, id: e.id, event: e.event, caseVersion: e.caseVersion, prevHash: prev)
            LogFormat.frame(payload, commit: true, into: &out)
            prev = hash
        }
        do { try DurableFile.replace(paths.log, with: [LogFormat.fileHeader, out], ops: ops) } catch {
            // The damaged log is still in place; the copy of it would only mislead.
            _ = ops.unlink(copy)
            throw StoreError(error)
        }
        return report
    }

    /// Intact records in order, and the sequence numbers missing among them. A record
    /// whose hash does not match its content is treated as lost, never trusted.
    static func survivors(_ records: [LogRecord]) -> ([StoredEvent], [UInt64]) {
        var kept: [StoredEvent] = []
        var seen = Set<UInt64>()
        // Records after the last batch end are a torn tail: never acknowledged, not kept.
        let end = records.lastIndex(where: \.commit).map { $0 + 1 } ?? 0
        for r in records[..<end] {
            guard let e = try? EnvelopeCodec.decode(r.payload, checkHash: true), seen.insert(e.seq).inserted else { continue }
            kept.append(e)
        }
        kept.sort { $0.seq < $1.seq }
        var lost: [UInt64] = []
        var expect: UInt64 = 1
        for e in kept {
            while expect < e.seq { lost.append(expect); expect += 1 }
            expect = e.seq + 1
        }
        return (kept, lost)
    }

    private static func stamp(_ d: Date) -> String {
        ISOTime.format(Instant(d)).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
    }
}
