/// A new alert, as it arrives from the command line, intake or the console.
public struct NewCase: Hashable, Sendable {
    public var category: Category
    public var level: RiskLevel
    public var source: Source
    /// The unit where it happened (usually a grid or village).
    public var location: String
    public var title: String
    public var detail: String
    public var reporter: String
    public var people: Int
    /// The sender's id; a repeated one is not recorded twice.
    public var externalId: String
    /// When it was reported; nil means now.
    public var reportedAt: Instant?

    /// Creates an alert.
    public init(category: Category, level: RiskLevel, source: Source = .patrol, location: String, title: String,
                detail: String = "", reporter: String = "", people: Int = 0, externalId: String = "",
                reportedAt: Instant? = nil) {
        self.category = category; self.level = level; self.source = source; self.location = location
        self.title = title; self.detail = detail; self.reporter = reporter; self.people = people
        self.externalId = externalId; self.reportedAt = reportedAt
    }
}

/// What can be done to a case. The state machine decides whether it may.
public enum CaseAction: Hashable, Sendable {
    case accept(note: String)
    case void(reason: String)
    /// Dispatch to a lead with optional assisting units; nil due means the level's default.
    case dispatch(lead: Assignee, assisting: [Assignee], dueAt: Instant?, note: String)
    case sign(note: String)
    case `return`(reason: String)
    case reassign(lead: Assignee, assisting: [Assignee], dueAt: Instant?, reason: String)
    /// Escalate to the owner's parent centre.
    case escalate(reason: String)
    /// Send down to a centre below the owner.
    case sendDown(to: String, reason: String)
    case supervise(level: SupervisionLevel, note: String)
    case extend(dueAt: Instant, reason: String)
    case resolve(note: String)
    case close(note: String)
    case visit(outcome: VisitOutcome, note: String)
    case reopen(reason: String)
    case merge(into: String, note: String)
    /// A progress note (办理备注): changes nothing but the record, as a department
    /// working an order says where it stands.
    case note(text: String)
}

/// Everything the model can be asked to do.
public enum Command: Hashable, Sendable {
    /// What time has made due, recorded by a sweep (the console's or `gridwatch sweep`):
    /// decided as the command inside, and recorded under the account marked as the
    /// sweep (`NAME/sweep (uid N)`), so the audit tells the clock's cards from an
    /// officer's.
    indirect case bySweep(Command)
    case registerUnit(Unit)
    case registerAgency(Agency)
    case report(NewCase)
    /// An action on a case; `expectedVersion` (if given) must match the case's version.
    case act(CaseAction, on: String, expectedVersion: Int?)
    /// Record an early warning (refused if its episode was already raised).
    case raiseWarning(Warning)
    /// Give a unit a new name.
    case renameUnit(code: String, name: String)
    /// Move a unit (with its subtree) under another parent of the tier above.
    case moveUnit(code: String, parent: String)
    /// Retire a unit: it keeps its history and takes no new cases.
    case retireUnit(code: String, reason: String)
    /// Give an agency new names.
    case renameAgency(id: String, name: String, nameEn: String)
    /// Retire an agency: it keeps its history and is dispatched nothing new.
    case retireAgency(id: String, reason: String)
    /// Record that the access policy refused the principal a whole command before it
    /// came to a decision (a role they lack, a subtree they may not view).
    case recordDenial(AccessDenial)
}
