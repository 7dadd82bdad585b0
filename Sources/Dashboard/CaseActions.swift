import DispatchCore
import TerminalUI

/// Starting an action on the selected case: run it, or open the picker, form or
/// confirmation the action table says it needs.
enum CaseActions {
    /// Why `kind` cannot be taken on `c` now, and the key that makes it possible when
    /// there is one: `cannot resolve GW000002: it is dispatched; sign first: S`.
    static func notNow(_ kind: ActionKind, _ c: CaseRecord, _ s: ConsoleState, model: Model) -> String {
        let spec = CaseActionTable.spec(kind)
        let base = s.lang.pick("无法\(spec.zh) \(c.number)：案件\(c.state.zh)", "cannot \(kind.verb) \(c.number): it is \(c.state.en.lowercased())")
        let mine = ActionKind.allCases.filter { s.mayTake($0, on: c, model: model) }
        guard let step = kind.firstStep(from: c.state, among: mine) else { return base }
        let first = CaseActionTable.spec(step)
        return base + s.lang.pick("；请先\(first.zh)：\(s.key(.act(step)))", "; \(step.verb) first: \(s.key(.act(step)))")
    }

    static func start(_ s: inout ConsoleState, _ kind: ActionKind, model: Model) -> [Effect] {
        guard let c = ConsoleUpdate.selectedCase(s, model: model) else {
            ConsoleUpdate.say(&s, s.lang.pick("请先在告警、交办或回访中选中一个案件", "select a case in Alerts, Dispatch or Follow-ups first"), error: true)
            return []
        }
        return start(&s, kind, on: c, model: model)
    }

    /// Starts `kind` on case `c` (the selected one, or the one a detail shows).
    static func start(_ s: inout ConsoleState, _ kind: ActionKind, on c: CaseRecord, model: Model) -> [Effect] {
        if let past = s.past {
            ConsoleUpdate.say(&s, s.lang.pick("这是过去的视图（\(past)），不能更改", "this is a view of the past (\(past)): nothing can be changed"), error: true)
            return []
        }
        // Refuse at once what the state machine will refuse, before asking for input.
        guard kind.applies(in: c.state) else {
            ConsoleUpdate.say(&s, notNow(kind, c, s, model: model), error: true)
            return []
        }
        guard s.mayTake(kind, on: c, model: model) else {
            let why = AccessCheck.leadOnly.contains(kind) && s.mayTake(.accept, on: c, model: model)
                ? s.lang.pick("只有值班长可以\(CaseActionTable.spec(kind).zh)", "only a shift lead may \(kind.verb) a case")
                : s.lang.pick("\(c.number) 不在您的辖区内", "\(c.number) is outside the units you work")
            ConsoleUpdate.say(&s, why, error: true)
            return []
        }
        let l = s.lang, spec = CaseActionTable.spec(kind)
        switch spec.input {
        case .immediate:
            guard let a = plain(kind, s, model: model) else { return [] }
            return [execute(a, c, summary: "\(c.number) " + done(kind, l))]
        case .confirm:
            guard let a = plain(kind, s, model: model) else { return [] }
            s.overlay = .confirm(PendingConfirm(
                question: l.pick("\(spec.zh) \(c.number)？(y/N)", "\(spec.en.capitalisedFirst) \(c.number)? (y/N)"),
                command: .act(a, on: c.number, expectedVersion: c.version),
                summary: "\(c.number) " + done(kind, l)))
        case .pick(let what, _):
            let picker = Pickers.make(what, for: c, model: model, lang: l, access: s.access)
            guard !picker.items.isEmpty else {
                let owner = model.unit(c.owner)?.name ?? c.owner
                ConsoleUpdate.say(&s, what == .lowerCentres
                    ? l.pick("\(owner)以下没有可下派的中心", "there is no centre below \(owner) to send \(c.number) down to")
                    : l.pick("您的辖区内没有可交办的中心或部门", "there is no centre or department you may dispatch to"), error: true)
                return []
            }
            s.overlay = .picker(PendingPicker(kind: kind, number: c.number, version: c.version, title: title(kind, c, l), picker: picker))
        case .form, .formThenConfirm:
            s.overlay = .form(PendingForm(kind: kind, number: c.number, version: c.version, title: title(kind, c, l),
                                          form: Forms.make(kind, for: c, state: s, model: model), error: nil, choice: nil,
                                          note: Forms.note(kind, for: c, lang: l, model: model)))
        }
        return []
    }

    static func execute(_ a: CaseAction, _ c: CaseRecord, summary: String) -> Effect {
        .execute(.act(a, on: c.number, expectedVersion: c.version), summary: summary)
    }

    static func title(_ kind: ActionKind, _ c: CaseRecord, _ l: Lang) -> String {
        let spec = CaseActionTable.spec(kind)
        return "\(l.pick(spec.zh, spec.en)) \(c.number)"
    }

    /// "accepted", "已受理": what the status line says once it is recorded.
    static func done(_ kind: ActionKind, _ l: Lang) -> String {
        let spec = CaseActionTable.spec(kind)
        return l.pick(spec.doneZh, spec.doneEn)
    }

    /// The action an input-less key (or a confirmation) records.
    static func plain(_ kind: ActionKind, _ s: ConsoleState, model: Model) -> CaseAction? {
        let v = FormValues(values: [:], choice: nil, lang: s.lang, now: model.now, utcOffsetSeconds: s.utcOffsetSeconds)
        guard case .success(let a) = CaseActionTable.build(kind, v) else { return nil }
        return a
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// The pickers: every centre and agency for dispatch; centres below the owner for
/// send-down. Only what is not retired and, with an access policy, only centres inside
/// the person's units: the picker offers nothing the check would refuse.
enum Pickers {
    static func make(_ what: PickerKind, for c: CaseRecord, model: Model, lang: Lang, access: AccessCheck? = nil) -> Picker {
        var items: [PickerItem] = []
        if what == .assignees {
            for a in model.agencies where !a.retired {
                items.append(PickerItem(id: "agency:\(a.id)", label: lang.pick(a.name, a.nameEn), code: a.id, keywords: [a.name, a.nameEn]))
            }
        }
        // The case's own area first: the centres on its path, then its county's, then the rest.
        let own = Set(model.path(of: c.location)), county = model.path(of: c.location).dropLast().last
        var units: [(rank: Int, item: PickerItem)] = []
        for u in model.units where u.hasCentre && model.retiredUnit(over: u.code) == nil {
            if let access, !access.principal.may(.officer, at: u.code, in: model) { continue }
            if what == .lowerCentres, u.code == c.owner || !model.isWithin(u.code, c.owner) { continue }
            let rank = own.contains(u.code) ? 0 : county.map { model.isWithin(u.code, $0) } == true ? 1 : 2
            // Pinyin of the name (full and initials), so `jzq` finds 金州区.
            let keywords = [lang.label(u.tier)] + Pinyin.shared.keys(u.name)
            units.append((rank, PickerItem(id: "unit:\(u.code)", label: label(u, model: model), code: u.code, keywords: keywords)))
        }
        items += units.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.item)
        return Picker(items: items, allowsMultiSelect: what == .assignees, prompt: "/")
    }

    /// A centre with the places above it, nearest first and the city left out, so the
    /// eighteen communities called 金华社区 can be told apart: `金华社区 · 金石滩街道 · 金州区`.
    static func label(_ u: DispatchCore.Unit, model: Model) -> String {
        let above = model.path(of: u.code).dropFirst().dropLast().compactMap { model.unit($0)?.name }
        return ([u.name] + above).joined(separator: " · ")
    }
}
