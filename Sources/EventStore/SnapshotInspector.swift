import DispatchCore

/// Checks snapshot bytes the way opening a store would, for fuzzing and diagnosis.
public enum SnapshotInspector {
    /// Why these bytes are not a usable snapshot under `limits`, or nil when they are.
    /// Both ways of opening are tried (whole, and report-only with a few lookups); none
    /// may crash or hang on any input.
    public static func problem(in bytes: [UInt8], limits: TimeLimits = .defaults) -> String? {
        let source = MemorySource(bytes: bytes)
        do {
            let partial = try SnapshotFile.partial(source, size: UInt64(bytes.count), limits: limits)
            let archive = partial.archive
            for u in partial.core.units.indices.prefix(3) {
                for key in [ReportKey.place(Int32(u), .disputeProperty), .hotspot(Int32(u), .hazardFire)] {
                    _ = archive.reportNumbers(under: key, after: Instant(ms: .min), upTo: Instant(ms: .max))
                    _ = archive.lastWarning(for: key)
                }
            }
            _ = archive.reportNumbers(under: .reporter("张三"), after: Instant(ms: .min), upTo: Instant(ms: .max))
            _ = archive.caseNumber(forExternalId: "x")
            let s = try SnapshotFile.decode(source, size: UInt64(bytes.count), limits: limits)
            _ = s.index.offsets.count
            _ = s.index.history(ofCase: 0)
            let m = Model(image: s.image, policy: Policy(limits: limits, cards: .defaults, warnings: .defaults), reports: s.reports)
            _ = m.sweep(at: m.now)
            return nil
        } catch {
            return SnapshotReader.describe(error)
        }
    }
}
