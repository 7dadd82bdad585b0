import DispatchCore
import TerminalUI

/// Starting an action on the selected case: run it, or open the picker, form or
/// confirmation it needs.
enum CaseActions {
    static func start(_ s: inout ConsoleState, _ action: Action, model: Model) -> [Effect] {
        guard let c = ConsoleUpdate.selectedCase(s, model: model) else {
            ConsoleUpdate.say(&s, s.lang.pick("请先在告警、交办或回访中选中一个案件", "select a case in Alerts, Dispatch or Follow-ups first"), error: true)
            return []
        }
        // Refuse at once what the state machine will refuse, before asking for input.
        if let probe = probe(action, c, model: model), case .invalidTransition = probe {
            ConsoleUpdate.say(&s, probe.description, error: true)
            return []
        }
        let l = s.lang
        switch action {
        case .accept:
            return [execute(.accept(note: ""), c, summary: "\(c.number) " + l.pick("已受理", "accepted"))]
        case .dispatch, .sendDown:
            s.overlay = .picker(PendingPicker(action: action, number: c.number, version: c.version,
                                              title: title(action, c, l), picker: Pickers.make(action, for: c, model: model, lang: l)))
        case .close:
            s.overlay = .confirm(PendingConfirm(
                question: l.pick("核查并结案 \(c.number)？(y/n)", "Verify and close \(c.number)? (y/n)"),
                command: .act(.close(note: ""), on: c.number, expectedVersion: c.version),
                summary: "\(c.number) " + l.pick("已结案", "closed")))
        default:
            s.overlay = .form(PendingForm(action: action, number: c.number, version: c.version, title: title(action, c, l),
                                          form: Forms.make(action, for: c, state: s, model: model), error: nil, choice: nil))
        }
        return []
    }

    static func execute(_ a: CaseAction, _ c: CaseRecord, summary: String) -> Effect {
        .execute(.act(a, on: c.number, expectedVersion: c.version), summary: summary)
    }

    static func title(_ action: Action, _ c: CaseRecord, _ l: Lang) -> String {
        let verb = KeyMap.console.first { $0.action == action }.map { l.pick($0.zh, $0.en) } ?? action.rawValue
        return "\(verb) \(c.number)"
    }

    /// The refusal an action would meet in the case's current state, using stand-in input.
    static func probe(_ action: Action, _ c: CaseRecord, model: Model) -> DomainError? {
        let far = model.now.adding(.days(365))
        let stand: CaseAction? = switch action {
        case .accept: .accept(note: "")
        case .dispatch: model.agencies.first.map { .dispatch(lead: .agency($0.id), assisting: [], dueAt: far, note: "") }
        case .escalate: .escalate(reason: "x")
        case .sendDown: .sendDown(to: c.owner, reason: "x")
        case .returnCase: .return(reason: "x")
        case .supervise: .supervise(level: .red, note: "")
        case .extend: .extend(dueAt: far, reason: "x")
        case .resolve: .resolve(note: "")
        case .close: .close(note: "")
        case .visit: .visit(outcome: .satisfied, note: "")
        case .reopen: .reopen(reason: "x")
        case .merge: .merge(into: c.number, note: "")
        default: nil
        }
        guard let stand else { return nil }
        do { _ = try model.decide(.act(stand, on: c.number, expectedVersion: nil), now: model.now); return nil } catch { return error }
    }
}

/// The pickers: every centre and agency for dispatch; centres below the owner for send-down.
enum Pickers {
    static func make(_ action: Action, for c: CaseRecord, model: Model, lang: Lang) -> Picker {
        var items: [PickerItem] = []
        if action == .dispatch {
            for a in model.agencies {
                items.append(PickerItem(id: "agency:\(a.id)", label: lang.pick(a.name, a.nameEn), code: a.id, keywords: [a.name, a.nameEn]))
            }
        }
        for u in model.units where u.hasCentre {
            if action == .sendDown, u.code == c.owner || !model.isWithin(u.code, c.owner) { continue }
            items.append(PickerItem(id: "unit:\(u.code)", label: u.name, code: u.code, keywords: [lang.label(u.tier)]))
        }
        return Picker(items: items, allowsMultiSelect: action == .dispatch, prompt: "/")
    }
}
