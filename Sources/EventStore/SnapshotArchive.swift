import DispatchCore
import Foundation

/// The archived cases of a partial model: lookups straight into the snapshot's
/// sorted tables, decoding only the entries asked for.
struct SnapshotArchive: ReportArchive {
    let reports: BlockTable
    let externalIds: BlockTable
    let numbers: BlockTable
    let lastWarned: BlockTable

    // A damaged block reads as "nothing archived" for that key: the snapshot is only a
    // shortcut, and the checks it feeds (early warnings, duplicate ids) are advisory.
    func reports(under key: ReportKey) -> [(at: Instant, number: String)] {
        guard var r = (try? reports.find(encoded(key))) ?? nil, let n = try? r.count(limit: r.end - r.at) else { return [] }
        var out: [(at: Instant, number: String)] = []
        for _ in 0..<n {
            guard let m = try? SnapshotCodec.mark(&r, cases: numbers.count), let number = number(m.caseIndex) else { break }
            out.append((m.at, number))
        }
        return out
    }

    func caseNumber(forExternalId id: String) -> String? {
        guard var r = (try? externalIds.find(Array(id.utf8))) ?? nil, let i = try? r.varint(), i < UInt64(numbers.count) else { return nil }
        return number(Int32(i))
    }

    func lastWarning(for key: ReportKey) -> Instant? {
        guard var r = (try? lastWarned.find(encoded(key))) ?? nil, let ms = try? r.int() else { return nil }
        return Instant(ms: ms)
    }

    private func encoded(_ key: ReportKey) -> [UInt8] {
        var k = BinaryWriter(capacity: 32)
        SnapshotCodec.encodeKey(key, into: &k)
        return k.bytes
    }

    private func number(_ i: Int32) -> String? {
        guard var r = (try? numbers.record(Int(i))) ?? nil else { return nil }
        return try? r.string()
    }
}

/// Reading snapshot files whole (to open a store) or in part (to append reports).
enum SnapshotReader {
    /// The snapshot at `path` for a store under `limits`, or why there is none to use
    /// (nil and no problem when there is simply no snapshot).
    static func full(_ path: String, limits: TimeLimits) -> (Snapshot?, problem: String?) {
        do {
            let source = try FileSource(path: path)
            return (try SnapshotFile.decode(source, size: try source.size(), limits: limits), nil)
        } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }

    /// The header, core and lookup tables of the snapshot at `path`; the cases are not read.
    static func partial(_ path: String, limits: TimeLimits) -> (PartialSnapshot?, problem: String?) {
        let source: FileSource
        do { source = try FileSource(path: path) } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, error.description)
        }
        do {
            let h = try SnapshotFile.header(try source.read(0, SnapshotFile.headerSize), limits: limits, fileSize: try source.size())
            let core = try SnapshotCodec.decodeCore(try SnapshotFile.section(.core, of: h, source: source))
            let archive = SnapshotArchive(reports: try SnapshotFile.table(.reports, of: h, source: source),
                                          externalIds: try SnapshotFile.table(.externalIds, of: h, source: source),
                                          numbers: try SnapshotFile.table(.numbers, of: h, source: source),
                                          lastWarned: try SnapshotFile.table(.lastWarned, of: h, source: source))
            return (PartialSnapshot(header: h, core: core, archive: archive), nil)
        } catch {
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }

    /// A snapshot problem in words: decoding errors without the log's "undecodable record".
    static func describe(_ e: StoreError) -> String {
        if case .decode(let why) = e { return why }
        return e.description
    }

    /// Only the header of the snapshot at `path` (any time limits): where it stands in the log.
    static func header(_ path: String) -> (SnapshotHeader?, problem: String?) {
        do {
            let source = try FileSource(path: path)
            return (try SnapshotFile.header(try source.read(0, SnapshotFile.headerSize), limits: nil, fileSize: try source.size()), nil)
        } catch {
            if case .log(.io(_, _, ENOENT)) = error { return (nil, nil) }
            return (nil, "\(path): \(SnapshotReader.describe(error))")
        }
    }
}

/// Checks snapshot bytes the way opening a store would, for fuzzing and diagnosis.
public enum SnapshotInspector {
    /// Why these bytes are not a usable snapshot under `limits`, or nil when they are.
    /// Both ways of opening are tried (whole, and report-only with a few lookups); none
    /// may crash or hang on any input.
    public static func problem(in bytes: [UInt8], limits: TimeLimits = .defaults) -> String? {
        let source = MemorySource(bytes: bytes)
        do {
            let h = try SnapshotFile.header(try source.read(0, SnapshotFile.headerSize), limits: limits, fileSize: UInt64(bytes.count))
            let core = try SnapshotCodec.decodeCore(try SnapshotFile.section(.core, of: h, source: source))
            let archive = SnapshotArchive(reports: try SnapshotFile.table(.reports, of: h, source: source),
                                          externalIds: try SnapshotFile.table(.externalIds, of: h, source: source),
                                          numbers: try SnapshotFile.table(.numbers, of: h, source: source),
                                          lastWarned: try SnapshotFile.table(.lastWarned, of: h, source: source))
            for u in core.units.indices.prefix(3) {
                for key in [ReportKey.place(Int32(u), .disputeProperty), .hotspot(Int32(u), .hazardFire)] {
                    _ = archive.reports(under: key)
                    _ = archive.lastWarning(for: key)
                }
            }
            _ = archive.reports(under: .reporter("张三"))
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
