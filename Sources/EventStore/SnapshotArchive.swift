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
    func reportCount(under key: ReportKey, after from: Instant, upTo to: Instant) -> Int {
        var n = 0
        forEachMark(under: key, after: from, upTo: to) { _ in n += 1 }
        return n
    }

    func reportNumbers(under key: ReportKey, after from: Instant, upTo to: Instant) -> [String] {
        var out: [String] = []
        forEachMark(under: key, after: from, upTo: to) { m in if let number = number(m.caseIndex) { out.append(number) } }
        return out
    }

    /// The key's marks in (from, to], in the order recorded (oldest first); a damaged
    /// one ends the list.
    private func forEachMark(under key: ReportKey, after from: Instant, upTo to: Instant, _ body: (ReportMark) -> Void) {
        guard var r = (try? reports.find(encoded(key))) ?? nil, let n = try? r.count(limit: r.end - r.at) else { return }
        for _ in 0..<n {
            guard let m = try? SnapshotCodec.mark(&r, cases: numbers.count) else { return }
            if m.at > from && m.at <= to { body(m) }
        }
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
