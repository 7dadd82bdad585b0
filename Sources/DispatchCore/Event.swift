/// What is reported to open a case: every field of the alert.
public struct CaseReport: Hashable, Sendable {
    public var number: String
    public var category: Category
    public var level: RiskLevel
    public var source: Source
    public var location: String
    public var title: String
    public var detail: String
    public var reporter: String
    public var people: Int
    public var externalId: String
    public var reportedAt: Instant
    /// The centre that owns the case at first.
    public var owner: String
    /// When acceptance is due, fixed at report time from the limits then in force.
    public var acceptBy: Instant
    /// When resolution is due, likewise.
    public var dueAt: Instant

    /// Creates a report.
    public init(number: String, category: Category, level: RiskLevel, source: Source, location: String,
                title: String, detail: String, reporter: String, people: Int, externalId: String,
                reportedAt: Instant, owner: String, acceptBy: Instant, dueAt: Instant) {
        self.number = number; self.category = category; self.level = level; self.source = source
        self.location = location; self.title = title; self.detail = detail; self.reporter = reporter
        self.people = people; self.externalId = externalId; self.reportedAt = reportedAt
        self.owner = owner; self.acceptBy = acceptBy; self.dueAt = dueAt
    }
}

/// An early warning computed from the log.
public struct Warning: Hashable, Sendable {
    public var rule: WarningRule
    /// The cases behind the warning.
    public var cases: [String]
    /// The unit the warning is about (the place, or the cases' common location).
    public var unit: String
    /// A key that identifies the episode, so the same warning is raised once.
    public var episode: String
    public var note: String

    /// Creates a warning.
    public init(rule: WarningRule, cases: [String], unit: String, episode: String, note: String) {
        self.rule = rule; self.cases = cases; self.unit = unit; self.episode = episode; self.note = note
    }
}

/// A command the access policy refused: who tried what, and why. Recorded so that
/// refusals are as traceable as actions (rate-limited per account).
public struct AccessDenial: Hashable, Sendable {
    /// The account name and uid the kernel gave.
    public var name: String
    public var uid: UInt32
    /// The account's grants, e.g. `officer@210203004`, or `none`.
    public var roles: String
    /// What was tried, e.g. `void` or `raise`.
    public var action: String
    /// The case it was tried on, or empty.
    public var caseNumber: String
    public var reason: String

    /// Creates a denial.
    public init(name: String, uid: UInt32, roles: String, action: String, caseNumber: String, reason: String) {
        self.name = name; self.uid = uid; self.roles = roles; self.action = action; self.caseNumber = caseNumber; self.reason = reason
    }
}

/// A past-tense fact about units, agencies or cases. The log stores these.
public enum EventBody: Hashable, Sendable {
    case unitRegistered(Unit)
    case agencyRegistered(Agency)
    case caseReported(CaseReport)
    case caseAccepted(case: String, note: String)
    case caseVoided(case: String, reason: String)
    case caseDispatched(case: String, lead: Assignee, assisting: [Assignee], dueAt: Instant, note: String)
    case caseSigned(case: String, note: String)
    case caseReturned(case: String, reason: String)
    case caseReassigned(case: String, lead: Assignee, assisting: [Assignee], dueAt: Instant, reason: String)
    case caseEscalated(case: String, to: String, reason: String)
    case caseSentDown(case: String, to: String, reason: String)
    case caseSupervised(case: String, level: SupervisionLevel, note: String)
    case deadlineExtended(case: String, dueAt: Instant, reason: String)
    case caseResolved(case: String, note: String)
    case caseClosed(case: String, note: String)
    case followUpRecorded(case: String, outcome: VisitOutcome, note: String)
    case caseReopened(case: String, dueAt: Instant, reason: String)
    case caseMerged(case: String, into: String, note: String)
    case warningRaised(Warning)
    case unitRenamed(code: String, name: String)
    case unitRetired(code: String, reason: String)
    case unitMoved(code: String, parent: String)
    case agencyRenamed(id: String, name: String, nameEn: String)
    case agencyRetired(id: String, reason: String)
    case accessDenied(AccessDenial)
    case caseNoted(case: String, note: String)

    /// The event's type.
    public var type: EventType {
        switch self {
        case .unitRegistered: .unitRegistered
        case .agencyRegistered: .agencyRegistered
        case .caseReported: .caseReported
        case .caseAccepted: .caseAccepted
        case .caseVoided: .caseVoided
        case .caseDispatched: .caseDispatched
        case .caseSigned: .caseSigned
        case .caseReturned: .caseReturned
        case .caseReassigned: .caseReassigned
        case .caseEscalated: .caseEscalated
        case .caseSentDown: .caseSentDown
        case .caseSupervised: .caseSupervised
        case .deadlineExtended: .deadlineExtended
        case .caseResolved: .caseResolved
        case .caseClosed: .caseClosed
        case .followUpRecorded: .followUpRecorded
        case .caseReopened: .caseReopened
        case .caseMerged: .caseMerged
        case .warningRaised: .warningRaised
        case .unitRenamed: .unitRenamed
        case .unitRetired: .unitRetired
        case .agencyRenamed: .agencyRenamed
        case .agencyRetired: .agencyRetired
        case .accessDenied: .accessDenied
        case .unitMoved: .unitMoved
        case .caseNoted: .caseNoted
        }
    }

    /// The case this event is about, if it is about one case.
    public var caseNumber: String? {
        switch self {
        // A refusal names the case it was tried on, but changes nothing about it.
        case .unitRegistered, .agencyRegistered, .warningRaised, .unitRenamed, .unitRetired, .agencyRenamed,
             .agencyRetired, .accessDenied, .unitMoved:
            nil
        case .caseReported(let r): r.number
        case .caseAccepted(let c, _), .caseVoided(let c, _), .caseSigned(let c, _), .caseReturned(let c, _),
             .caseResolved(let c, _), .caseClosed(let c, _), .caseNoted(let c, _):
            c
        case .caseDispatched(let c, _, _, _, _), .caseReassigned(let c, _, _, _, _): c
        case .caseEscalated(let c, _, _), .caseSentDown(let c, _, _), .caseSupervised(let c, _, _),
             .deadlineExtended(let c, _, _), .followUpRecorded(let c, _, _), .caseMerged(let c, _, _),
             .caseReopened(let c, _, _):
            c
        }
    }
}

/// Event type names, exactly as the log format and `events --json` spell them.
/// The raw `code` is what the binary log stores; never renumber an existing type.
public enum EventType: String, CaseIterable, Sendable {
    case unitRegistered, agencyRegistered, caseReported, caseAccepted, caseVoided, caseDispatched
    case caseSigned, caseReturned, caseReassigned, caseEscalated, caseSentDown, caseSupervised
    case deadlineExtended, caseResolved, caseClosed, followUpRecorded, caseReopened, caseMerged
    case warningRaised
    // Appended, never inserted: the code is the position.
    case unitRenamed, unitRetired, agencyRenamed, agencyRetired, accessDenied, unitMoved, caseNoted

    /// The stable numeric code stored in the log.
    public var code: UInt16 { UInt16((EventType.allCases.firstIndex(of: self) ?? 0) + 1) }

    /// The type for a stored code.
    public init?(code: UInt16) {
        let i = Int(code) - 1
        guard i >= 0, i < EventType.allCases.count else { return nil }
        self = EventType.allCases[i]
    }
}

/// An event as the domain applies it: the fact plus when and by whom.
public struct Event: Hashable, Sendable {
    /// When the event was recorded.
    public var at: Instant
    /// Who did it: `li.ming (uid 1001)` (see `ActorName`); free text in older records.
    public var actor: String
    /// The fact.
    public var body: EventBody

    /// Creates an event.
    public init(at: Instant, actor: String, body: EventBody) {
        self.at = at; self.actor = actor; self.body = body
    }
}
