/// Why the domain refused a command. Each message names the problem so a person can act on it.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No unit has this code.
    case unknownUnit(String)
    /// No agency has this id.
    case unknownAgency(String)
    /// No case has this number.
    case unknownCase(String)
    /// The action is not allowed in the case's current state.
    case invalidTransition(case: String, action: String, state: CaseState)
    /// A required text field is empty.
    case emptyField(String)
    /// A text or number field is outside its documented limits.
    case fieldTooLong(field: String, limit: Int)
    /// A value is outside its allowed range.
    case outOfRange(field: String, detail: String)
    /// A unit definition is inconsistent (bad code, tier or parent).
    case invalidUnit(code: String, reason: String)
    /// A unit or agency with this code already exists.
    case duplicate(String)
    /// The case changed since the caller looked at it.
    case conflict(case: String, expected: Int, actual: Int)
    /// A deadline is not in the future, or not later than the current one.
    case invalidDeadline(String)
    /// The target of an escalation, send-down or merge is not allowed.
    case invalidTarget(String)
    /// Supervision can only be raised.
    case alreadySupervised(case: String, level: SupervisionLevel)
    /// An intake line is not a valid alert object.
    case invalidIntake(String)
    /// The access policy does not let this person do this here.
    case accessDenied(String)
    /// The unit or agency is retired and takes nothing new.
    case retired(String)

    public var description: String {
        switch self {
        case .unknownUnit(let c): "unknown unit '\(c)'"
        case .unknownAgency(let a): "unknown agency or centre '\(a)'"
        case .unknownCase(let n): "unknown case '\(n)'"
        case .invalidTransition(let c, let a, let s): "cannot \(a) case \(c): it is \(s.rawValue)"
        case .emptyField(let f): "\(f) must not be empty"
        case .fieldTooLong(let f, let n): "\(f) is too long (limit \(n))"
        case .outOfRange(let f, let d): "\(f) is out of range: \(d)"
        case .invalidUnit(let c, let r): "invalid unit '\(c)': \(r)"
        case .duplicate(let c): "'\(c)' is already registered"
        case .conflict(let c, let e, let a):
            "case \(c) changed since you looked at it (version \(e), now \(a)); reload and try again"
        case .invalidDeadline(let d): "invalid deadline: \(d)"
        case .invalidTarget(let d): d
        case .alreadySupervised(let c, let l): "case \(c) is already supervised at \(l.rawValue)"
        case .invalidIntake(let d): d
        case .accessDenied(let d): "access denied: \(d)"
        case .retired(let d): d
        }
    }
}

/// Documented limits on untrusted fields; intake and the command line enforce them
/// before anything is written.
public enum FieldLimits {
    /// Title: 1 to 200 characters.
    public static let title = 200
    /// Detail: up to 4,000 characters.
    public static let detail = 4000
    /// Reporter: up to 100 characters.
    public static let reporter = 100
    /// Notes and reasons: up to 1,000 characters.
    public static let note = 1000
    /// External id: up to 128 characters.
    public static let externalId = 128
    /// People involved: 0 to 1,000,000.
    public static let people = 1_000_000
    /// Unit and agency names: up to 64 characters.
    public static let name = 64

    /// Checks a text field's length in characters; `required` also refuses blank text.
    public static func check(_ text: String, field: String, limit: Int, required: Bool = false) throws(DomainError) {
        if required, text.allSatisfy(\.isWhitespace) { throw .emptyField(field) }
        // utf8.count bounds the work for huge inputs before counting graphemes.
        if text.utf8.count > limit * 4 || text.count > limit { throw .fieldTooLong(field: field, limit: limit) }
    }
}
