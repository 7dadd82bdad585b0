/// What a person may do, by role. Roles do not imply one another except where said:
/// every role may view what is in its scope, and a lead may do all an officer may.
public enum Role: String, CaseIterable, Hashable, Sendable, Comparable {
    /// The read-only console, the wall, `events`, `stats`, `handover`, `case show`.
    case viewer
    /// `raise` and `ingest` into units in scope.
    case intake
    /// Accept, dispatch, sign, return, reassign, escalate, send down, supervise, resolve, visit, reopen.
    case officer
    /// 值班长: everything an officer may, plus void, merge, extend and close.
    case lead
    /// `init`, `recover`, `migrate`, and the units and agencies.
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// Whether this role includes what `other` may do.
    public func includes(_ other: Role) -> Bool {
        switch (self, other) {
        case (_, .viewer): true
        case (.lead, .officer), (.officer, .intake), (.lead, .intake): true
        default: self == other
        }
    }
}

/// One line of the access policy: a role over a unit's subtree (`*`: every unit).
public struct Grant: Hashable, Sendable, CustomStringConvertible {
    public var role: Role
    public var unit: String

    /// Creates a grant of `role` over the subtree of `unit`.
    public init(role: Role, unit: String) {
        self.role = role
        self.unit = unit
    }

    /// `officer@210203004`, as `accessDenied` events record it.
    public var description: String { "\(role.rawValue)@\(unit)" }

    /// Whether the grant covers `code` (in `model`'s hierarchy).
    public func covers(_ code: String, in model: Model) -> Bool {
        unit == "*" || code == unit || model.isWithin(code, unit)
    }
}

/// Who is acting: the account the kernel says runs the process, and its grants.
public struct Principal: Hashable, Sendable {
    /// The account name (from the password database, never the environment).
    public var name: String
    public var uid: UInt32
    public var grants: [Grant]
    /// The agencies (departments) this principal acts for: a department platform's key
    /// signs, returns and resolves what is dispatched to its agency, wherever it is.
    public var agencies: [String]

    /// Creates a principal.
    public init(name: String, uid: UInt32, grants: [Grant], agencies: [String] = []) {
        self.name = name
        self.uid = uid
        self.grants = grants
        self.agencies = agencies
    }

    /// The actor recorded on events: `li.ming (uid 1001)`.
    public var actor: String { ActorName.format(name: name, uid: uid) }

    /// The grants as recorded on a refusal: `officer@210203004,viewer@210203`, or `none`.
    public var roles: String {
        let all = grants.map(\.description) + agencies.map { "agency@\($0)" }
        return all.isEmpty ? "none" : all.joined(separator: ",")
    }

    /// Whether any grant gives `role` (or more) anywhere.
    public func has(_ role: Role) -> Bool { grants.contains { $0.role.includes(role) } }

    /// Whether some grant of `role` (or more) covers `code`.
    public func may(_ role: Role, at code: String, in model: Model) -> Bool {
        grants.contains { $0.role.includes(role) && $0.covers(code, in: model) }
    }

    /// Whether some grant gives `role` over every unit (`*`, or the hierarchy's root).
    public func mayEverywhere(_ role: Role, in model: Model) -> Bool {
        grants.contains { $0.role.includes(role) && ($0.unit == "*" || model.unit($0.unit)?.parent == nil && model.unit($0.unit) != nil) }
    }
}

/// The actor text on events: the account name and uid, so that every record names a
/// person the kernel vouched for. Older records hold free text (no uid).
public enum ActorName {
    /// `name (uid N)`.
    public static func format(name: String, uid: UInt32) -> String { "\(name) (uid \(uid))" }

    /// The actor of work a program does for the account: `li.ming/sweep (uid 1001)`.
    public static func marked(_ actor: String, as role: String) -> String {
        let (name, uid) = parse(actor)
        return uid.map { format(name: "\(name)/\(role)", uid: $0) } ?? "\(actor)/\(role)"
    }

    /// The name and uid of an actor text; the uid is nil for older free-text actors.
    public static func parse(_ actor: String) -> (name: String, uid: UInt32?) {
        guard actor.hasSuffix(")"), let open = actor.range(of: " (uid ", options: .backwards) else { return (actor, nil) }
        let digits = actor[open.upperBound..<actor.index(before: actor.endIndex)]
        guard let uid = UInt32(digits) else { return (actor, nil) }
        return (String(actor[..<open.lowerBound]), uid)
    }
}
