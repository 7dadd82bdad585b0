import DispatchCore

/// The binary encoding of a model image inside a snapshot: the same varints and
/// length-prefixed strings as event bodies, codes as their index in `allCases`.
enum SnapshotCodec {
    /// Units, agencies, early-warning episodes and counters: all a partial model loads.
    static func core(_ m: ModelImage) -> [UInt8] {
        var w = BinaryWriter(capacity: 64 * m.units.count + 1024)
        w.varint(UInt64(m.units.count))
        for u in m.units { EventCodec.encode(.unitRegistered(u), into: &w) }
        w.varint(UInt64(m.agencies.count))
        for a in m.agencies { EventCodec.encode(.agencyRegistered(a), into: &w) }
        w.varint(UInt64(m.maxOrdinal)); w.int(m.now.ms); w.varint(UInt64(m.eventCount)); w.varint(UInt64(m.orphanEvents))
        // Retirements are not part of the registration records above (format 4).
        w.strings(m.units.filter(\.retired).map(\.code))
        w.strings(m.agencies.filter(\.retired).map(\.id))
        return w.bytes
    }

    /// The core as an image without cases or warnings.
    static func decodeCore(_ bytes: [UInt8]) throws(StoreError) -> ModelImage {
        var r = BinaryReader(bytes)
        var units: [Unit] = [], agencies: [Agency] = []
        var position: [String: Int] = [:]
        let unitCount = try r.count(limit: r.end - r.at)
        // Sized once: every `raise` decodes the whole unit tree, and growing the table
        // rehashes every code already in it. Capped, so a damaged count cannot make it
        // reserve more than a city's units before the decode fails.
        let room = min(unitCount, 1 << 16)
        units.reserveCapacity(room)
        position.reserveCapacity(room)
        for _ in 0..<unitCount {
            guard case .unitRegistered(let u) = try EventCodec.decode(.unitRegistered, &r) else { throw .decode("bad unit") }
            // Indices into the units are stored elsewhere in the snapshot: every unit must
            // be one the model will register, in this order, or they would point astray.
            // (A parent may come later: a moved unit keeps its place.)
            guard position.updateValue(units.count, forKey: u.code) == nil else {
                throw .decode("snapshot units repeated at '\(u.code.prefix(40))'")
            }
            units.append(u)
        }
        try checkTree(units, position: position)
        for _ in 0..<(try r.count(limit: r.end - r.at)) {
            guard case .agencyRegistered(let a) = try EventCodec.decode(.agencyRegistered, &r) else { throw .decode("bad agency") }
            agencies.append(a)
        }
        let maxOrdinal = try r.varint(), now = try r.int(), eventCount = try r.varint(), orphans = try r.varint()
        let retiredUnits = Set(try r.strings()), retiredAgencies = Set(try r.strings())
        guard maxOrdinal < UInt64(Int32.max), eventCount < UInt64(Int.max), orphans < UInt64(Int.max), r.isAtEnd else {
            throw .decode("bad snapshot counters")
        }
        for i in units.indices where retiredUnits.contains(units[i].code) { units[i].retired = true }
        for i in agencies.indices where retiredAgencies.contains(agencies[i].id) { agencies[i].retired = true }
        return ModelImage(units: units, agencies: agencies, cases: [], warnings: [], lastWarned: [:],
                          maxOrdinal: Int(maxOrdinal), now: Instant(ms: now), eventCount: Int(eventCount),
                          orphanEvents: Int(orphans))
    }

    /// Refuses units whose parent is missing or whose parents loop (a damaged snapshot):
    /// every unit must reach a root within the five tiers. `position` maps each code to
    /// its place in `units`.
    static func checkTree(_ units: [Unit], position: [String: Int]) throws(StoreError) {
        // By position, so that each code is hashed once rather than once a step up.
        var parent: [Int?] = []
        parent.reserveCapacity(units.count)
        for u in units {
            guard let p = u.parent else { parent.append(nil); continue }
            guard let at = position[p] else { throw .decode("snapshot unit '\(u.code.prefix(40))' names a parent that is not there") }
            parent.append(at)
        }
        for (i, u) in units.enumerated() {
            var at = i, steps = 0
            while let p = parent[at] {
                at = p
                steps += 1
                guard steps <= Tier.allCases.count else { throw .decode("snapshot units loop at '\(u.code.prefix(40))'") }
            }
        }
    }

    /// Cases in blocks, so a restore streams them instead of holding the section in memory.
    static func cases(_ cases: [CaseRecord]) -> [UInt8] {
        BlockTable.encode(cases.map { c in
            var w = BinaryWriter(capacity: 200)
            encodeCase(c, into: &w)
            return ([], w.bytes)
        })
    }

    static func decodeCases(_ table: BlockTable) throws(StoreError) -> [CaseRecord] {
        let tables = CodeTables()
        var out: [CaseRecord] = []
        out.reserveCapacity(capacityWithHeadroom(table.count))
        try table.forEachBlock { (r: inout BinaryReader, count: Int) throws(StoreError) in
            for _ in 0..<count { out.append(try decodeCase(&r, tables)) }
            guard r.isAtEnd else { throw .decode("trailing bytes after a block of cases") }
        }
        return out
    }

    static func warnings(_ warnings: [Warning]) -> [UInt8] {
        var w = BinaryWriter()
        w.varint(UInt64(warnings.count))
        for x in warnings { EventCodec.encode(.warningRaised(x), into: &w) }
        return w.bytes
    }

    static func decodeWarnings(_ bytes: [UInt8]) throws(StoreError) -> [Warning] {
        var r = BinaryReader(bytes)
        var out: [Warning] = []
        for _ in 0..<(try r.count(limit: bytes.count)) {
            guard case .warningRaised(let x) = try EventCodec.decode(.warningRaised, &r) else { throw .decode("bad warning") }
            out.append(x)
        }
        return out
    }

    private static func encodeCase(_ c: CaseRecord, into w: inout BinaryWriter) {
        w.string(c.number); w.varint(UInt64(c.ordinal))
        w.u8(CodeTables.index(c.category)); w.u8(CodeTables.index(c.level)); w.u8(CodeTables.index(c.source))
        w.string(c.location); w.string(c.title); w.string(c.detail); w.string(c.reporter)
        w.varint(UInt64(max(0, c.people))); w.string(c.externalId)
        w.int(c.reportedAt.ms); w.int(c.recordedAt.ms); w.string(c.owner); w.u8(CodeTables.index(c.state))
        w.string(c.lead?.description ?? ""); w.strings(c.assisting.map(\.description))
        w.int(c.dueAt.ms); w.u8(CodeTables.index(c.supervision))
        for t in [c.acceptedAt, c.resolvedAt, c.closedAt] { optionalInstant(t, into: &w) }
        w.u8(c.lastVisit.map { CodeTables.index($0) + 1 } ?? 0)
        w.varint(UInt64(max(0, c.visits))); w.string(c.mergedInto ?? "")
        w.varint(UInt64(max(0, c.version))); w.varint(UInt64(max(0, c.escalations)))
        let m = c.marks
        let flags = [m.accepted, m.acceptedOnTime, m.dispatched, m.resolved, m.resolvedOnTime, m.closed]
            .enumerated().reduce(UInt8(0)) { $0 | ($1.element ? UInt8(1) << UInt8($1.offset) : 0) }
        w.u8(flags)
        w.u8(m.resolvedAtTier.map { UInt8($0.depth + 1) } ?? 0)
        w.u8(m.escalatedTo.map { UInt8($0.depth + 1) } ?? 0)
    }

    private static func decodeCase(_ r: inout BinaryReader, _ t: CodeTables) throws(StoreError) -> CaseRecord {
        let number = try r.string(), ordinal = try small(r.varint())
        let category = try t.pick(t.categories, r.u8()), level = try t.pick(t.levels, r.u8()), source = try t.pick(t.sources, r.u8())
        let location = try r.string(), title = try r.string(), detail = try r.string(), reporter = try r.string()
        let people = try small(r.varint()), ext = try r.string()
        let reportedAt = Instant(ms: try r.int()), recordedAt = Instant(ms: try r.int()), owner = try r.string()
        let state = try t.pick(t.states, r.u8())
        let leadText = try r.string()
        let lead = leadText.isEmpty ? nil : try assignee(leadText)
        var assisting: [Assignee] = []
        for s in try r.strings() { assisting.append(try assignee(s)) }
        let dueAt = Instant(ms: try r.int()), supervision = try t.pick(t.supervision, r.u8())
        let acceptedAt = try optionalInstant(&r), resolvedAt = try optionalInstant(&r), closedAt = try optionalInstant(&r)
        let visitCode = try r.u8()
        let lastVisit = visitCode == 0 ? nil : try t.pick(t.outcomes, visitCode - 1)
        let visits = try small(r.varint()), merged = try r.string()
        let version = try small(r.varint()), escalations = try small(r.varint())
        var c = CaseRecord(
            number: number, ordinal: ordinal, category: category, level: level, source: source, location: location,
            title: title, detail: detail, reporter: reporter, people: people, externalId: ext, reportedAt: reportedAt,
            recordedAt: recordedAt, owner: owner, state: state, lead: lead, assisting: assisting, dueAt: dueAt,
            supervision: supervision, acceptedAt: acceptedAt, resolvedAt: resolvedAt, closedAt: closedAt,
            lastVisit: lastVisit, visits: visits, mergedInto: merged.isEmpty ? nil : merged, version: version,
            escalations: escalations)
        let flags = try r.u8()
        c.marks.accepted = flags & 1 != 0; c.marks.acceptedOnTime = flags & 2 != 0; c.marks.dispatched = flags & 4 != 0
        c.marks.resolved = flags & 8 != 0; c.marks.resolvedOnTime = flags & 16 != 0; c.marks.closed = flags & 32 != 0
        c.marks.resolvedAtTier = try t.tier(r.u8())
        c.marks.escalatedTo = try t.tier(r.u8())
        return c
    }

    static func encodeKey(_ k: ReportKey, into w: inout BinaryWriter) {
        switch k {
        case .reporter(let name): w.u8(0); w.string(name)
        case .place(let u, let c): w.u8(1); w.varint(UInt64(u)); w.u8(CodeTables.index(c))
        case .hotspot(let u, let c): w.u8(2); w.varint(UInt64(u)); w.u8(CodeTables.index(c))
        }
    }

    static func decodeKey(_ r: inout BinaryReader, _ t: CodeTables, units: Int) throws(StoreError) -> ReportKey {
        let kind = try r.u8()
        if kind == 0 { return .reporter(try r.string()) }
        let u = try r.varint()
        guard u < UInt64(units) else { throw .decode("warning key names unit \(u) of \(units)") }
        let c = try t.pick(t.categories, r.u8())
        switch kind {
        case 1: return .place(Int32(u), c)
        case 2: return .hotspot(Int32(u), c)
        default: throw .decode("bad warning key kind \(kind)")
        }
    }

    private static func optionalInstant(_ t: Instant?, into w: inout BinaryWriter) {
        if let t { w.u8(1); w.int(t.ms) } else { w.u8(0) }
    }

    private static func optionalInstant(_ r: inout BinaryReader) throws(StoreError) -> Instant? {
        switch try r.u8() {
        case 0: return nil
        case 1: return Instant(ms: try r.int())
        default: throw .decode("bad optional time")
        }
    }

    private static func small(_ v: UInt64) throws(StoreError) -> Int {
        guard v <= UInt64(Int32.max) else { throw .decode("number out of range") }
        return Int(v)
    }

    private static func assignee(_ s: String) throws(StoreError) -> Assignee {
        guard let a = Assignee(tagged: s) else { throw .decode("bad assignee '\(s.prefix(40))'") }
        return a
    }
}

/// Each code type's cases, built once per decode rather than once per case.
struct CodeTables {
    let categories = Array(Category.allCases), levels = Array(RiskLevel.allCases), sources = Array(Source.allCases)
    let states = Array(CaseState.allCases), supervision = Array(SupervisionLevel.allCases)
    let outcomes = Array(VisitOutcome.allCases), tiers = Array(Tier.allCases)

    static func index<T: CodedValue>(_ v: T) -> UInt8 {
        UInt8(Array(T.allCases).firstIndex(of: v) ?? 0)
    }

    func pick<T>(_ table: [T], _ i: UInt8) throws(StoreError) -> T {
        guard Int(i) < table.count else { throw .decode("code \(i) out of range") }
        return table[Int(i)]
    }

    func tier(_ v: UInt8) throws(StoreError) -> Tier? {
        guard v > 0 else { return nil }
        guard let t = tiers.first(where: { $0.depth == Int(v) - 1 }) else { throw .decode("bad tier \(v)") }
        return t
    }
}
