import DispatchCore

/// The binary body of each event type. Schema version 1; a new field goes at the end
/// of a body under a new schema version, so old records keep decoding.
enum EventCodec {
    static let schemaVersion: UInt16 = 1

    static func encode(_ body: EventBody, into w: inout BinaryWriter) {
        switch body {
        case .unitRegistered(let u):
            w.string(u.code); w.string(u.name); w.u8(UInt8(u.tier.depth)); w.string(u.parent ?? "")
        case .agencyRegistered(let a):
            w.string(a.id); w.string(a.name); w.string(a.nameEn); w.string(a.kind.rawValue)
        case .caseReported(let r):
            w.string(r.number); w.string(r.category.rawValue); w.string(r.level.rawValue); w.string(r.source.rawValue)
            w.string(r.location); w.string(r.title); w.string(r.detail); w.string(r.reporter)
            w.varint(UInt64(max(0, r.people))); w.string(r.externalId); w.int(r.reportedAt.ms); w.string(r.owner)
            w.int(r.acceptBy.ms); w.int(r.dueAt.ms)
        case .caseAccepted(let c, let t), .caseVoided(let c, let t), .caseSigned(let c, let t), .caseReturned(let c, let t),
             .caseResolved(let c, let t), .caseClosed(let c, let t), .caseNoted(let c, let t):
            w.string(c); w.string(t)
        case .caseDispatched(let c, let lead, let assisting, let due, let t),
             .caseReassigned(let c, let lead, let assisting, let due, let t):
            w.string(c); w.string(lead.description); w.strings(assisting.map(\.description)); w.int(due.ms); w.string(t)
        case .caseEscalated(let c, let to, let t), .caseSentDown(let c, let to, let t), .caseMerged(let c, let to, let t):
            w.string(c); w.string(to); w.string(t)
        case .caseSupervised(let c, let level, let t):
            w.string(c); w.string(level.rawValue); w.string(t)
        case .deadlineExtended(let c, let due, let t), .caseReopened(let c, let due, let t):
            w.string(c); w.int(due.ms); w.string(t)
        case .followUpRecorded(let c, let outcome, let t):
            w.string(c); w.string(outcome.rawValue); w.string(t)
        case .warningRaised(let x):
            w.string(x.rule.rawValue); w.strings(x.cases); w.string(x.unit); w.string(x.episode); w.string(x.note)
        case .unitRenamed(let code, let name), .unitRetired(let code, let name), .agencyRetired(let code, let name),
             .unitMoved(let code, let name):
            w.string(code); w.string(name)
        case .agencyRenamed(let id, let name, let en):
            w.string(id); w.string(name); w.string(en)
        case .accessDenied(let d):
            w.string(d.name); w.varint(UInt64(d.uid)); w.string(d.roles); w.string(d.action); w.string(d.caseNumber); w.string(d.reason)
        }
    }

    static func decode(_ type: EventType, _ r: inout BinaryReader) throws(StoreError) -> EventBody {
        switch type {
        case .unitRegistered:
            let code = try r.string(), name = try r.string(), depth = Int(try r.u8()), parent = try r.string()
            guard let tier = Tier.allCases.first(where: { $0.depth == depth }) else { throw .decode("bad tier \(depth)") }
            return .unitRegistered(Unit(code: code, name: name, tier: tier, parent: parent.isEmpty ? nil : parent))
        case .agencyRegistered:
            let id = try r.string(), name = try r.string(), en = try r.string()
            return .agencyRegistered(Agency(id: id, name: name, nameEn: en, kind: try code(r.string())))
        case .caseReported:
            return .caseReported(try report(&r))
        case .caseAccepted: return .caseAccepted(case: try r.string(), note: try r.string())
        case .caseVoided: return .caseVoided(case: try r.string(), reason: try r.string())
        case .caseSigned: return .caseSigned(case: try r.string(), note: try r.string())
        case .caseReturned: return .caseReturned(case: try r.string(), reason: try r.string())
        case .caseResolved: return .caseResolved(case: try r.string(), note: try r.string())
        case .caseClosed: return .caseClosed(case: try r.string(), note: try r.string())
        case .caseNoted: return .caseNoted(case: try r.string(), note: try r.string())
        case .caseDispatched, .caseReassigned:
            let c = try r.string(), lead = try assignee(r.string()), assisting = try r.strings().map { s throws(StoreError) in try assignee(s) }
            let due = Instant(ms: try r.int()), t = try r.string()
            return type == .caseDispatched
                ? .caseDispatched(case: c, lead: lead, assisting: assisting, dueAt: due, note: t)
                : .caseReassigned(case: c, lead: lead, assisting: assisting, dueAt: due, reason: t)
        case .caseEscalated: return .caseEscalated(case: try r.string(), to: try r.string(), reason: try r.string())
        case .caseSentDown: return .caseSentDown(case: try r.string(), to: try r.string(), reason: try r.string())
        case .caseMerged: return .caseMerged(case: try r.string(), into: try r.string(), note: try r.string())
        case .caseSupervised: return .caseSupervised(case: try r.string(), level: try code(r.string()), note: try r.string())
        case .deadlineExtended: return .deadlineExtended(case: try r.string(), dueAt: Instant(ms: try r.int()), reason: try r.string())
        case .caseReopened: return .caseReopened(case: try r.string(), dueAt: Instant(ms: try r.int()), reason: try r.string())
        case .followUpRecorded: return .followUpRecorded(case: try r.string(), outcome: try code(r.string()), note: try r.string())
        case .warningRaised:
            let rule: WarningRule = try code(r.string())
            return .warningRaised(Warning(rule: rule, cases: try r.strings(), unit: try r.string(),
                                          episode: try r.string(), note: try r.string()))
        case .unitRenamed: return .unitRenamed(code: try r.string(), name: try r.string())
        case .unitRetired: return .unitRetired(code: try r.string(), reason: try r.string())
        case .unitMoved: return .unitMoved(code: try r.string(), parent: try r.string())
        case .agencyRenamed: return .agencyRenamed(id: try r.string(), name: try r.string(), nameEn: try r.string())
        case .agencyRetired: return .agencyRetired(id: try r.string(), reason: try r.string())
        case .accessDenied:
            let name = try r.string(), uid = try r.varint()
            guard uid <= UInt64(UInt32.max) else { throw .decode("uid out of range") }
            return .accessDenied(AccessDenial(name: name, uid: UInt32(uid), roles: try r.string(), action: try r.string(),
                                              caseNumber: try r.string(), reason: try r.string()))
        }
    }

    private static func report(_ r: inout BinaryReader) throws(StoreError) -> CaseReport {
        let number = try r.string()
        let category: Category = try code(r.string()), level: RiskLevel = try code(r.string()), source: Source = try code(r.string())
        let location = try r.string(), title = try r.string(), detail = try r.string(), reporter = try r.string()
        let people = try r.varint()
        guard people <= UInt64(Int32.max) else { throw .decode("people out of range") }
        let ext = try r.string(), at = Instant(ms: try r.int()), owner = try r.string()
        return CaseReport(number: number, category: category, level: level, source: source, location: location,
                          title: title, detail: detail, reporter: reporter, people: Int(people), externalId: ext,
                          reportedAt: at, owner: owner, acceptBy: Instant(ms: try r.int()), dueAt: Instant(ms: try r.int()))
    }

    private static func code<T: CodedValue>(_ s: String) throws(StoreError) -> T {
        guard let v = T(rawValue: s) else { throw .decode("unknown code '\(s.prefix(40))'") }
        return v
    }

    private static func assignee(_ s: String) throws(StoreError) -> Assignee {
        guard let a = Assignee(tagged: s) else { throw .decode("bad assignee '\(s.prefix(40))'") }
        return a
    }
}
