/// The one check every command passes before it is decided, whatever front end it came
/// from: what the principal's grants allow, against the model as it stands when the
/// writer decides (under the writer lock, or against the head the append checks).
public struct AccessCheck: Hashable, Sendable {
    public let principal: Principal

    /// A check for `principal`.
    public init(_ principal: Principal) { self.principal = principal }

    /// Actions only a shift lead (值班长) may take.
    public static let leadOnly: Set<ActionKind> = [.void, .merge, .extend, .close]
    /// Actions the lead assignee's centre may take on a case it was dispatched, though
    /// another centre owns it: it signs, works and resolves it, or hands it back.
    public static let assigneeActions: Set<ActionKind> = [.sign, .return, .resolve]

    /// Why `command` is refused, or nil when it may go ahead. A command about something
    /// that does not exist passes, so that the domain names what is missing.
    public func refusal(_ command: Command, in model: Model) -> AccessDenial? {
        switch command {
        case .bySweep(let inner):
            // A sweep records only what its account may record.
            return refusal(inner, in: model)
        case .registerUnit(let u):
            let at = u.parent ?? u.code
            return mayAdmin(at, in: model) ? nil : deny("add unit", "", "adding a unit under \(at) needs the admin role there")
        case .renameUnit(let code, _), .retireUnit(let code, _):
            return mayAdmin(code, in: model) ? nil : deny("change unit", "", "changing unit \(code) needs the admin role over it")
        case .moveUnit(let code, let parent):
            return mayAdmin(code, in: model) && mayAdmin(parent, in: model) ? nil
                : deny("move unit", "", "moving \(code) under \(parent) needs the admin role over both")
        case .registerAgency, .renameAgency, .retireAgency:
            return principal.mayEverywhere(.admin, in: model) ? nil : deny("change agency", "", "agencies serve the whole city: changing them needs the admin role over the root unit")
        case .report(let n):
            guard model.unit(n.location) != nil else { return nil }
            if principal.grants.isEmpty, let agency = principal.agencies.first {
                return deny("raise", "", "an agency (\(agency)) works the orders dispatched to it and does not report; reporting needs an intake key or grant")
            }
            return principal.may(.intake, at: n.location, in: model) ? nil
                : deny("raise", "", "\(place(n.location, model)) is outside the units you may report into")
        case .raiseWarning(let w):
            return principal.may(.officer, at: w.unit, in: model) ? nil
                : deny("raise warning", w.cases.first ?? "", "\(place(w.unit, model)) is outside the units you work")
        case .act(let action, let number, _):
            guard let c = model.case(number) else { return nil }
            return refusal(action, on: c, in: model)
        case .recordDenial(let d):
            // Anyone may have their own refusal recorded, and nobody else's.
            return d.uid == principal.uid && d.name == principal.name ? nil : deny("record a refusal", "", "a refusal is recorded for the account that met it")
        }
    }

    private func refusal(_ action: CaseAction, on c: CaseRecord, in model: Model) -> AccessDenial? {
        let kind = action.kind
        let role: Role = Self.leadOnly.contains(kind) ? .lead : .officer
        let name = kind.rawValue
        guard mayWork(c, as: role, kind, in: model) else {
            if role == .lead, mayWork(c, as: .officer, kind, in: model) {
                return deny(name, c.number, "only a shift lead (值班长) may \(kind.verb) a case; you are \(principal.roles)")
            }
            if principal.grants.isEmpty, let agency = principal.agencies.first {
                return deny(name, c.number, Self.assigneeActions.contains(kind)
                    ? "case \(c.number) is not dispatched to agency \(agency) as lead"
                    : "an agency may only sign, return or resolve what is dispatched to it, not \(kind.verb) a case")
            }
            return deny(name, c.number, "case \(c.number) is owned by \(place(c.owner, model)), outside the units you work")
        }
        switch action {
        case .sendDown(let to, _) where model.unit(to) != nil && !principal.may(.officer, at: to, in: model):
            return deny(name, c.number, "\(place(to, model)) is outside the units you work: send down only inside them")
        case .dispatch(let lead, let assisting, _, _), .reassign(let lead, let assisting, _, _):
            for case .centre(let code) in [lead] + assisting where model.unit(code) != nil && !principal.may(.officer, at: code, in: model) {
                return deny(name, c.number, "\(place(code, model)) is outside the units you work: dispatch to a department or a centre inside them")
            }
            return nil
        case .merge(let into, _):
            guard let target = model.case(into), !mayWork(target, as: .lead, .merge, in: model) else { return nil }
            return deny(name, c.number, "case \(into) is owned by \(place(target.owner, model)), outside the units you work")
        default:
            return nil
        }
    }

    /// Whether the principal may take action `kind` needing `role` on `c`: its owner is
    /// in scope, or, for the assignee's own actions, its lead centre is.
    private func mayWork(_ c: CaseRecord, as role: Role, _ kind: ActionKind, in model: Model) -> Bool {
        if principal.may(role, at: c.owner, in: model) { return true }
        if kind == .note {
            // Whoever the case is dispatched to, lead or assisting, may say where it stands.
            return ([c.lead].compactMap { $0 } + c.assisting).contains { a in
                switch a {
                case .centre(let code): principal.may(role, at: code, in: model)
                case .agency(let id): principal.agencies.contains(id)
                }
            }
        }
        guard Self.assigneeActions.contains(kind) else { return false }
        switch c.lead {
        case .centre(let code)?: return principal.may(role, at: code, in: model)
        case .agency(let id)?: return principal.agencies.contains(id)
        case nil: return false
        }
    }

    /// Whether the principal may see `c`: its owner, its place or a centre it is
    /// dispatched to is in a granted subtree, or it is dispatched to their agency.
    public func canSee(_ c: CaseRecord, in model: Model) -> Bool {
        if principal.may(.viewer, at: c.owner, in: model) || principal.may(.viewer, at: c.location, in: model) { return true }
        for a in [c.lead].compactMap({ $0 }) + c.assisting {
            switch a {
            case .centre(let code) where principal.may(.viewer, at: code, in: model): return true
            case .agency(let id) where principal.agencies.contains(id): return true
            default: continue
            }
        }
        return false
    }

    /// Whether the principal may take `kind` on `c` at all (for the console's hints):
    /// the same rule as `refusal`, without an action's targets.
    public func mayTake(_ kind: ActionKind, on c: CaseRecord, in model: Model) -> Bool {
        mayWork(c, as: Self.leadOnly.contains(kind) ? .lead : .officer, kind, in: model)
    }

    /// The unit a report or a screen starts at: the root for someone who may view
    /// everything, else the highest granted unit the model knows.
    public func homeUnit(in model: Model) -> String? {
        if principal.mayEverywhere(.viewer, in: model) { return model.roots.first.map { model.units[Int($0)].code } }
        return principal.grants.compactMap { model.unit($0.unit) }.min { $0.tier.depth < $1.tier.depth }?.code
    }

    /// Whether the principal may view the subtree of `code`.
    public func mayView(_ code: String, in model: Model) -> Bool { principal.may(.viewer, at: code, in: model) }

    private func mayAdmin(_ code: String, in model: Model) -> Bool {
        principal.mayEverywhere(.admin, in: model) || principal.may(.admin, at: code, in: model)
    }

    private func deny(_ action: String, _ number: String, _ reason: String) -> AccessDenial {
        AccessDenial(name: principal.name, uid: principal.uid, roles: principal.roles, action: action, caseNumber: number, reason: reason)
    }

    private func place(_ code: String, _ model: Model) -> String {
        model.unit(code).map { "\(code) \($0.name)" } ?? code
    }
}
