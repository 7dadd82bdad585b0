import CLogSupport

/// Where a scan of log bytes stopped.
public enum ScanStop: Equatable, Sendable {
    /// Every byte was part of a complete batch.
    case clean
    /// From `offset` on the bytes are an unfinished or torn batch with nothing valid
    /// after it: a writer died (or is still writing). Never acknowledged.
    case tail(offset: UInt64, reason: String)
    /// A damaged record at `offset` with a valid record after it.
    case corrupt(offset: UInt64, reason: String)
}

/// The result of scanning a region of the log.
public struct ScanResult: Sendable {
    /// Records of complete batches, in order.
    public var records: [LogRecord]
    /// The offset just past the last complete batch.
    public var committedEnd: UInt64
    /// Why the scan stopped.
    public var stop: ScanStop
}

/// Parses framed records out of raw bytes. Pure: used by writers, readers, `verify` and `recover`.
public enum LogScanner {
    /// The verdict on the bytes at one position.
    enum Frame {
        case ok(payloadCount: Int, commit: Bool)
        case incomplete
        case bad(String)
    }

    static func check(_ b: UnsafeRawBufferPointer, at p: Int) -> Frame {
        let left = b.count - p
        if left < 2 { return .incomplete }
        guard b[p] == 0x47, b[p + 1] == 0x57 else { return .bad("bad record marker") }
        if left < LogFormat.recordHeaderSize { return .incomplete }
        let flags = b[p + 2]
        guard flags & ~LogFormat.commitFlag == 0, b[p + 3] == 0 else { return .bad("bad record flags") }
        let len = Int(LogFormat.u32(b, p + 4))
        guard len <= LogFormat.maxPayload else { return .bad("record length \(len) out of range") }
        if left < LogFormat.recordHeaderSize + len { return .incomplete }
        guard let start = b.baseAddress else { return .incomplete }
        let base = start + p
        var crc = gw_crc32c(0, base + 2, 6)
        crc = gw_crc32c(crc, base + LogFormat.recordHeaderSize, len)
        guard crc == LogFormat.u32(b, p + 8) else { return .bad("checksum mismatch") }
        return .ok(payloadCount: len, commit: flags & LogFormat.commitFlag != 0)
    }

    /// Scans `bytes`, which start at file offset `base`.
    public static func scan(_ bytes: [UInt8], base: UInt64) -> ScanResult {
        bytes.withUnsafeBytes { b in scan(b, base: base) }
    }

    static func scan(_ b: UnsafeRawBufferPointer, base: UInt64) -> ScanResult {
        var records: [LogRecord] = []
        var pending: [LogRecord] = []
        var p = 0
        var committed = 0
        while p < b.count {
            switch check(b, at: p) {
            case .ok(let n, let commit):
                let start = p + LogFormat.recordHeaderSize
                pending.append(LogRecord(offset: base + UInt64(p), payload: Array(b[start..<(start + n)]), commit: commit))
                p = start + n
                if commit {
                    records.append(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                    committed = p
                }
            case .incomplete:
                return ScanResult(records: records, committedEnd: base + UInt64(committed),
                                  stop: .tail(offset: base + UInt64(committed), reason: "incomplete record at byte \(base + UInt64(p))"))
            case .bad(let why):
                if nextValidFrame(b, after: p) != nil {
                    return ScanResult(records: records, committedEnd: base + UInt64(committed),
                                      stop: .corrupt(offset: base + UInt64(p), reason: why))
                }
                return ScanResult(records: records, committedEnd: base + UInt64(committed),
                                  stop: .tail(offset: base + UInt64(committed), reason: "\(why) at byte \(base + UInt64(p))"))
            }
        }
        let stop: ScanStop = pending.isEmpty ? .clean
            : .tail(offset: base + UInt64(committed), reason: "unfinished batch at byte \(base + UInt64(committed))")
        return ScanResult(records: records, committedEnd: base + UInt64(committed), stop: stop)
    }

    /// The position of the next complete, valid record after `p`, if any.
    static func nextValidFrame(_ b: UnsafeRawBufferPointer, after p: Int) -> Int? {
        var q = p + 1
        while q + LogFormat.recordHeaderSize <= b.count {
            if b[q] == 0x47, b[q + 1] == 0x57, case .ok = check(b, at: q) { return q }
            q += 1
        }
        return nil
    }

    /// Every valid record in the bytes, skipping damage; for `recover`. Each damaged
    /// region is reported as (offset, length).
    public static func salvage(_ bytes: [UInt8], base: UInt64) -> (records: [LogRecord], damaged: [(UInt64, Int)]) {
        bytes.withUnsafeBytes { b in
            var records: [LogRecord] = [], damaged: [(UInt64, Int)] = []
            var p = 0
            while p < b.count {
                if case .ok(let n, let commit) = check(b, at: p) {
                    let start = p + LogFormat.recordHeaderSize
                    records.append(LogRecord(offset: base + UInt64(p), payload: Array(b[start..<(start + n)]), commit: commit))
                    p = start + n
                } else {
                    let next = nextValidFrame(b, after: p) ?? b.count
                    damaged.append((base + UInt64(p), next - p))
                    p = next
                }
            }
            return (records, damaged)
        }
    }
}
