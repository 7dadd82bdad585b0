import DispatchCore
import Foundation

/// The archived cases of a partial model: lookups straight into the snapshot's
/// sorted tables, decoding only the entries asked for.
struct SnapshotArchive: ReportArchive {
    let reports: RecordTable
    let externalIds: RecordTable
    let numbers: RecordTable

    func reports(under key: ReportKey) -> [(at: Instant, number: String)] {
        var k = BinaryWriter(capacity: 32)
        SnapshotCodec.encodeKey(key, into: &k)
        guard var r = reports.find(k.bytes), let n = try? r.count(limit: r.end - r.at) else { return [] }
        var out: [(at: Instant, number: String)] = []
        for _ in 0..<n {
            guard let m = try? SnapshotCodec.mark(&r, cases: numbers.count), let number = number(m.caseIndex) else { break }
            out.append((m.at, number))
        }
        return out
    }

    func caseNumber(forExternalId id: String) -> String? {
        guard var r = externalIds.find(Array(id.utf8)), let i = try? r.varint(), i < UInt64(numbers.count) else { return nil }
        return number(Int32(i))
    }

    private func number(_ i: Int32) -> String? {
        guard i >= 0, Int(i) < numbers.count else { return nil }
        var r = numbers.record(Int(i))
        return try? r.string()
    }
}

/// Reading snapshot files whole (to open a store) or in part (to append reports).
enum SnapshotReader {
    /// The snapshot at `path` for a store under `limits`, or why there is none to use
    /// (nil and no problem when there is simply no snapshot).
    static func full(_ path: String, limits: TimeLimits) -> (Snapshot?, problem: String?) {
        let bytes: [UInt8]
        switch readAll(path) {
        case .none: return (nil, nil)
        case .failure(let why): return (nil, why)
        case .success(let b): bytes = b
        }
        do { return (try SnapshotFile.decode(bytes, limits: limits), nil) } catch {
            return (nil, "\(path): \(error.description)")
        }
    }

    /// The header, core and lookup tables of the snapshot at `path`; the cases are not read.
    static func partial(_ path: String, limits: TimeLimits) -> (PartialSnapshot?, problem: String?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (nil, errno == ENOENT ? nil : "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return (nil, "cannot stat \(path)") }
        let read = { (o: UInt64, n: Int) throws(StoreError) -> [UInt8] in try pread(fd, path: path, offset: o, count: n) }
        do {
            let h = try SnapshotFile.header(try read(0, SnapshotFile.headerSize), limits: limits, fileSize: UInt64(st.st_size))
            let core = try SnapshotCodec.decodeCore(try SnapshotFile.section(.core, of: h, read: read))
            let archive = SnapshotArchive(reports: try RecordTable(try SnapshotFile.section(.reports, of: h, read: read)),
                                          externalIds: try RecordTable(try SnapshotFile.section(.externalIds, of: h, read: read)),
                                          numbers: try RecordTable(try SnapshotFile.section(.numbers, of: h, read: read)))
            return (PartialSnapshot(header: h, core: core, archive: archive), nil)
        } catch {
            return (nil, "\(path): \(error.description)")
        }
    }

    private enum ReadResult { case none, failure(String), success([UInt8]) }

    private static func readAll(_ path: String) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? .none : .failure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure("cannot stat \(path)") }
        do { return .success(try pread(fd, path: path, offset: 0, count: Int(st.st_size))) } catch {
            return .failure(error.description)
        }
    }

    private static func pread(_ fd: Int32, path: String, offset: UInt64, count: Int) throws(StoreError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return 0 }
                return Glibc.pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw .log(.io(path: path, operation: "read", errno: errno)) }
            if n == 0 { break }
            done += n
        }
        out.removeLast(count - done)
        return out
    }
}
