import DispatchCore
import TerminalUI

/// The small forms behind the action keys, and turning their values into actions.
enum Forms {
    static func make(_ action: Action, for c: CaseRecord, state s: ConsoleState, model: Model) -> Form {
        let l = s.lang
        let reason = TextField(id: "reason", label: l.pick("原因", "Reason"), maxLength: FieldLimits.note)
        let note = TextField(id: "note", label: l.pick("备注", "Note"), maxLength: FieldLimits.note)
        switch action {
        case .dispatch:
            let due = max(c.dueAt, model.now.adding(.minutes(1)))
            return Form(fields: [TextField(id: "due", label: l.pick("期限", "Due"), text: TimeInput.format(due, utcOffsetSeconds: s.utcOffsetSeconds)), note], enterAdvances: false)
        case .supervise:
            let next: SupervisionLevel = c.supervision < .normal ? .normal : c.supervision < .yellow ? .yellow : .red
            return Form(fields: [TextField(id: "level", label: l.pick("级别", "Level"), text: next.rawValue), note], enterAdvances: false)
        case .extend:
            let due = max(c.dueAt, model.now).adding(.days(1))
            return Form(fields: [TextField(id: "due", label: l.pick("新期限", "New due"), text: TimeInput.format(due, utcOffsetSeconds: s.utcOffsetSeconds)), reason], enterAdvances: false)
        case .visit:
            return Form(fields: [TextField(id: "outcome", label: l.pick("结果", "Outcome"), text: VisitOutcome.satisfied.rawValue), note], enterAdvances: false)
        case .merge:
            return Form(fields: [TextField(id: "into", label: l.pick("并入", "Into case"), maxLength: 20), note], enterAdvances: false)
        case .resolve:
            return Form(fields: [note], enterAdvances: false)
        default:
            return Form(fields: [reason], enterAdvances: false)
        }
    }

    /// The action a submitted form asks for, or a message saying what is wrong.
    static func action(_ p: PendingForm, values v: [String: String], state s: ConsoleState, model: Model) -> Result<CaseAction, FormError> {
        let l = s.lang
        let note = v["note"] ?? "", reason = v["reason"] ?? ""
        func time(_ text: String) -> Result<Instant, FormError> {
            TimeInput.parse(text, now: model.now, utcOffsetSeconds: s.utcOffsetSeconds).map { .success($0) }
                ?? .failure(FormError(l.pick("时间格式：2026-11-28 18:00、+2h 或 +3d", "time: 2026-11-28 18:00, +2h or +3d")))
        }
        switch p.action {
        case .dispatch:
            guard let choice = p.choice, let lead = Assignee(tagged: choice.primary) else { return .failure(FormError("no lead chosen")) }
            return time(v["due"] ?? "").map { .dispatch(lead: lead, assisting: choice.assisting.compactMap(Assignee.init(tagged:)), dueAt: $0, note: note) }
        case .sendDown:
            guard let to = p.choice?.primary, let a = Assignee(tagged: to), case .centre(let code) = a else { return .failure(FormError("no centre chosen")) }
            return .success(.sendDown(to: code, reason: reason))
        case .supervise:
            guard let level = SupervisionLevel.parse(v["level"] ?? ""), level != .none else {
                return .failure(FormError(l.pick("级别：normal、yellow 或 red", "level: normal, yellow or red")))
            }
            return .success(.supervise(level: level, note: note))
        case .extend: return time(v["due"] ?? "").map { .extend(dueAt: $0, reason: reason) }
        case .visit:
            guard let o = VisitOutcome.parse(v["outcome"] ?? "") else {
                return .failure(FormError(l.pick("结果：satisfied、basic 或 unsatisfied", "outcome: satisfied, basic or unsatisfied")))
            }
            return .success(.visit(outcome: o, note: note))
        case .merge: return .success(.merge(into: (v["into"] ?? "").uppercased(), note: note))
        case .resolve: return .success(.resolve(note: note))
        case .escalate: return .success(.escalate(reason: reason))
        case .returnCase: return .success(.return(reason: reason))
        case .reopen: return .success(.reopen(reason: reason))
        default: return .failure(FormError("unsupported action"))
        }
    }
}

/// A problem with what was typed into a form.
struct FormError: Error {
    var message: String
    init(_ m: String) { message = m }
}
