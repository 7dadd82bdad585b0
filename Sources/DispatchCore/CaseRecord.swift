/// Where a case is in its lifecycle.
public enum CaseState: String, CodedValue {
    case reported, accepted, dispatched, inProgress = "in-progress", resolved, closed, archived, voided, merged, reopened

    public var zh: String {
        switch self {
        case .reported: "待受理"
        case .accepted: "已受理"
        case .dispatched: "已交办"
        case .inProgress: "办理中"
        case .resolved: "已办结"
        case .closed: "已结案"
        case .archived: "已归档"
        case .voided: "已作废"
        case .merged: "已并单"
        case .reopened: "重新办理"
        }
    }

    public var en: String {
        switch self {
        case .reported: "Reported"
        case .accepted: "Accepted"
        case .dispatched: "Dispatched"
        case .inProgress: "In progress"
        case .resolved: "Resolved"
        case .closed: "Closed"
        case .archived: "Archived"
        case .voided: "Voided"
        case .merged: "Merged"
        case .reopened: "Reopened"
        }
    }

    /// Still needs work from someone: counted as open in the tier grid.
    public var isOpen: Bool {
        switch self {
        case .reported, .accepted, .dispatched, .inProgress, .resolved, .reopened: true
        case .closed, .archived, .voided, .merged: false
        }
    }

    /// Accepted and being worked on (the Dispatch pane).
    public var isInHand: Bool {
        switch self {
        case .accepted, .dispatched, .inProgress, .reopened: true
        default: false
        }
    }
}

/// One case (一案一码): everything the model knows about it.
///
/// The stored fields are ordered by size, and the three optional times keep their
/// presence in one byte: the model holds a record per case, and in the order the fields
/// were first written each 1-byte field and optional time padded out to 8 bytes (304
/// bytes a record, 256 now; about 18 MB of a million-event console).
public struct CaseRecord: Hashable, Sendable {
    /// The case number, e.g. `GW000042`.
    public var number: String
    /// A grid or village unit code.
    public var location: String
    /// Untrusted text from the reporter: sanitise before display.
    public var title: String
    public var detail: String
    public var reporter: String
    /// The sender's id for idempotent intake, or empty.
    public var externalId: String
    /// The centre (unit code) that owns the case.
    public var owner: String
    /// The case this one was merged into.
    public var mergedInto: String?
    /// Position in report order, from 1; the number is derived from it.
    public var ordinal: Int
    /// Number of people involved.
    public var people: Int
    /// Number of follow-up visits recorded.
    public var visits: Int
    /// Number of events applied to this case; the optimistic-concurrency token.
    public var version: Int
    /// Times the case was escalated.
    public var escalations: Int
    /// When the alert was reported (may be before it reached the log).
    public var reportedAt: Instant
    /// When the case was first recorded in the log.
    public var recordedAt: Instant
    /// When resolution is due.
    public var dueAt: Instant
    private var acceptedMs: Int64 = 0
    private var resolvedMs: Int64 = 0
    private var closedMs: Int64 = 0
    /// Assisting units (协办).
    public var assisting: [Assignee]
    /// The lead assignee (主办), if dispatched.
    public var lead: Assignee?
    public var category: Category
    public var level: RiskLevel
    public var source: Source
    public var state: CaseState
    public var supervision: SupervisionLevel
    /// The latest visit's outcome, if any.
    public var lastVisit: VisitOutcome?
    /// Which of the optional times are set (`Times`).
    private var times: UInt8 = 0
    /// What has ever happened to the case, for the indicators.
    public var marks = CaseMarks()

    private enum Times { static let accepted: UInt8 = 1, resolved: UInt8 = 2, closed: UInt8 = 4 }

    /// When the case was accepted, if it has been.
    public var acceptedAt: Instant? {
        get { time(acceptedMs, Times.accepted) }
        set { acceptedMs = newValue?.ms ?? 0; mark(Times.accepted, newValue != nil) }
    }
    /// When the case was resolved, if it has been.
    public var resolvedAt: Instant? {
        get { time(resolvedMs, Times.resolved) }
        set { resolvedMs = newValue?.ms ?? 0; mark(Times.resolved, newValue != nil) }
    }
    /// When the case was closed, if it has been.
    public var closedAt: Instant? {
        get { time(closedMs, Times.closed) }
        set { closedMs = newValue?.ms ?? 0; mark(Times.closed, newValue != nil) }
    }

    private func time(_ ms: Int64, _ bit: UInt8) -> Instant? { times & bit == 0 ? nil : Instant(ms: ms) }

    /// A cleared time stores 0 (see the setters), so equal records compare and hash equal.
    private mutating func mark(_ bit: UInt8, _ set: Bool) { times = set ? times | bit : times & ~bit }

    /// Creates a case record with every field (the snapshot decoder rebuilds cases with this).
    public init(number: String, ordinal: Int, category: Category, level: RiskLevel, source: Source, location: String, title: String, detail: String, reporter: String, people: Int, externalId: String, reportedAt: Instant, recordedAt: Instant, owner: String, state: CaseState, lead: Assignee?, assisting: [Assignee], dueAt: Instant, supervision: SupervisionLevel, acceptedAt: Instant?, resolvedAt: Instant?, closedAt: Instant?, lastVisit: VisitOutcome?, visits: Int, mergedInto: String?, version: Int, escalations: Int) {
        self.number = number
        self.ordinal = ordinal
        self.category = category
        self.level = level
        self.source = source
        self.location = location
        self.title = title
        self.detail = detail
        self.reporter = reporter
        self.people = people
        self.externalId = externalId
        self.reportedAt = reportedAt
        self.recordedAt = recordedAt
        self.owner = owner
        self.state = state
        self.lead = lead
        self.assisting = assisting
        self.dueAt = dueAt
        self.supervision = supervision
        self.lastVisit = lastVisit
        self.visits = visits
        self.mergedInto = mergedInto
        self.version = version
        self.escalations = escalations
        // Last: they are kept through `times`, which needs every stored field set.
        self.acceptedAt = acceptedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
    }

    /// The case number for an ordinal: `GW` and at least six digits.
    public static func number(forOrdinal n: Int) -> String {
        let digits = String(n)
        return "GW" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A case number as a person types it: `48` or `gw48` mean `GW000048`; anything
    /// else is returned as given, for the domain to name if it is unknown.
    public static func number(typed text: String) -> String {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if t.uppercased().hasPrefix("GW") { t = t.dropFirst(2) }
        guard !t.isEmpty, t.count <= 9, t.allSatisfy(\.isASCII), let n = Int(t), n > 0 else { return text }
        return number(forOrdinal: n)
    }

    /// The ordinal encoded in a case number, if it is one.
    public static func ordinal(of number: String) -> Int? {
        // On the UTF-8 bytes: every report is numbered, and walking Characters is slow.
        let u = number.utf8
        guard u.count >= 8, u.count <= 20, u.starts(with: [0x47, 0x57]) else { return nil }
        var n = 0
        for d in u.dropFirst(2) {
            guard (0x30...0x39).contains(d) else { return nil }
            n = n * 10 + Int(d - 0x30)
        }
        return n > 0 ? n : nil
    }
}

/// Facts about a case's history that the indicators count: each is set once it
/// happens and stays set, whatever the case does later.
public struct CaseMarks: Hashable, Sendable {
    /// Accepted at some point, and whether within the acceptance limit.
    public var accepted = false
    public var acceptedOnTime = false
    public var dispatched = false
    /// Resolved at some point; the first resolution's timeliness and the owner's tier then.
    public var resolved = false
    public var resolvedOnTime = false
    public var resolvedAtTier: Tier?
    public var closed = false
    /// The highest tier the case was escalated to.
    public var escalatedTo: Tier?

    /// Creates empty marks.
    public init() {}
}
