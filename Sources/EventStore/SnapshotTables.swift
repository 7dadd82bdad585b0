import DispatchCore

/// The snapshot's lookup tables: early-warning marks and times by key, external ids,
/// and case numbers by position, each a `BlockTable` a report-only open can search in place.
extension SnapshotCodec {
    /// The early-warning index as a table sorted by encoded key, so a partial model can
    /// look one key up in place.
    static func reports(_ index: [ReportKey: [ReportMark]]) -> [UInt8] {
        BlockTable.encode(sortedByKey(reportRecords(index)))
    }

    private static func reportRecords(_ index: [ReportKey: [ReportMark]]) -> [(key: [UInt8], record: [UInt8])] {
        let records = index.map { key, marks -> (key: [UInt8], record: [UInt8]) in
            var k = BinaryWriter(capacity: 32)
            encodeKey(key, into: &k)
            var w = BinaryWriter(capacity: 40 + marks.count * 8)
            w.bytesField(k.bytes)
            w.varint(UInt64(marks.count))
            for m in marks { w.int(m.at.ms); w.varint(UInt64(m.caseIndex)) }
            return (k.bytes, w.bytes)
        }
        return records
    }

    static func decodeReports(_ table: BlockTable, units: Int, cases: Int) throws(StoreError) -> [ReportKey: [ReportMark]] {
        let tables = CodeTables()
        var out: [ReportKey: [ReportMark]] = [:]
        out.reserveCapacity(capacityWithHeadroom(table.count))
        try table.forEachBlock { (r: inout BinaryReader, count: Int) throws(StoreError) in
            for _ in 0..<count {
                var k = BinaryReader(Array(try r.bytesField()))
                let key = try decodeKey(&k, tables, units: units)
                let n = try r.count(limit: r.end - r.at)
                var marks: [ReportMark] = []
                marks.reserveCapacity(n)
                for _ in 0..<n { marks.append(try mark(&r, cases: cases)) }
                out[key] = marks
            }
        }
        return out
    }

    static func mark(_ r: inout BinaryReader, cases: Int) throws(StoreError) -> ReportMark {
        let at = Instant(ms: try r.int()), i = try r.varint()
        guard i < UInt64(cases) else { throw .decode("report names case \(i) of \(cases)") }
        return ReportMark(at: at, caseIndex: Int32(i))
    }

    /// When each early-warning key last warned, sorted by encoded key.
    static func lastWarned(_ warned: [ReportKey: Instant]) -> [UInt8] {
        BlockTable.encode(sortedByKey(warned.map { key, at in
            var k = BinaryWriter(capacity: 32)
            encodeKey(key, into: &k)
            var w = BinaryWriter(capacity: 48)
            w.bytesField(k.bytes); w.int(at.ms)
            return (k.bytes, w.bytes)
        }))
    }

    static func decodeLastWarned(_ table: BlockTable, units: Int) throws(StoreError) -> [ReportKey: Instant] {
        let tables = CodeTables()
        var out: [ReportKey: Instant] = [:]
        out.reserveCapacity(capacityWithHeadroom(table.count))
        try table.forEachBlock { (r: inout BinaryReader, count: Int) throws(StoreError) in
            for _ in 0..<count {
                var k = BinaryReader(Array(try r.bytesField()))
                out[try decodeKey(&k, tables, units: units)] = Instant(ms: try r.int())
            }
        }
        return out
    }

    static func sortedByKey(_ records: [(key: [UInt8], record: [UInt8])]) -> [(key: [UInt8], record: [UInt8])] {
        records.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// External ids and their case index, sorted by id.
    static func externalIds(_ cases: [CaseRecord]) -> [UInt8] {
        let records = cases.enumerated().filter { !$0.element.externalId.isEmpty }.map { i, c -> (key: [UInt8], record: [UInt8]) in
            var w = BinaryWriter(capacity: 32)
            let key = Array(c.externalId.utf8)
            w.bytesField(key); w.varint(UInt64(i))
            return (key, w.bytes)
        }
        return BlockTable.encode(sortedByKey(records))
    }

    /// Case numbers by case index.
    static func numbers(_ cases: [CaseRecord]) -> [UInt8] {
        BlockTable.encode(cases.map { c in
            var w = BinaryWriter(capacity: 12)
            w.string(c.number)
            return ([], w.bytes)
        })
    }
}
