/// A place in the five-tier hierarchy. Every unit above grid level has a governance centre.
public struct Unit: Hashable, Sendable {
    /// Stable code, e.g. `210203004` for a town.
    public var code: String
    /// Display name, e.g. 日新街道. Untrusted: sanitise before display.
    public var name: String
    /// The tier.
    public var tier: Tier
    /// The parent's code; nil only for the root city.
    public var parent: String?
    /// Retired: it keeps its history and takes no new cases.
    public var retired = false

    /// Creates a unit.
    public init(code: String, name: String, tier: Tier, parent: String?) {
        self.code = code
        self.name = name
        self.tier = tier
        self.parent = parent
    }

    /// Whether this unit has a governance centre that can own cases.
    public var hasCentre: Bool { tier != .grid }

    /// Limits on what a unit code may look like: short and plain, so that it is safe in
    /// file names, terminals and command lines.
    public static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= 32
            && code.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 }
    }
}

/// A department a centre dispatches to (the "5+N+X" set).
public struct Agency: Hashable, Sendable {
    /// Short id, e.g. `housing`.
    public var id: String
    /// Chinese name, e.g. 住建.
    public var name: String
    /// English name.
    public var nameEn: String
    /// Integrated, resident or rotating.
    public var kind: AgencyKind
    /// Retired: it keeps its history and is dispatched nothing new.
    public var retired = false

    /// Creates an agency.
    public init(id: String, name: String, nameEn: String, kind: AgencyKind) {
        self.id = id
        self.name = name
        self.nameEn = nameEn
        self.kind = kind
    }
}

/// Who a case is dispatched to: a tier centre or an agency.
public enum Assignee: Hashable, Sendable, CustomStringConvertible {
    /// The governance centre of a unit.
    case centre(String)
    /// An agency by id.
    case agency(String)

    /// `unit:CODE` or `agency:ID`: the form used in the log and in JSON.
    public var description: String {
        switch self {
        case .centre(let c): "unit:\(c)"
        case .agency(let a): "agency:\(a)"
        }
    }

    /// Parses `unit:CODE` / `agency:ID`.
    public init?(tagged: String) {
        if tagged.hasPrefix("unit:") { self = .centre(String(tagged.dropFirst(5))) }
        else if tagged.hasPrefix("agency:") { self = .agency(String(tagged.dropFirst(7))) }
        else { return nil }
    }
}
