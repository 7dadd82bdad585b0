import DispatchCore
import TerminalUI

/// The small forms behind the action keys, made from the fields the action table names.
enum Forms {
    static func make(_ kind: ActionKind, for c: CaseRecord, state s: ConsoleState, model: Model) -> Form {
        Form(fields: CaseActionTable.fields(kind).map { field($0, c, s, model) }, enterAdvances: false)
    }

    private static func field(_ f: FormField, _ c: CaseRecord, _ s: ConsoleState, _ model: Model) -> TextField {
        let l = s.lang
        let time = { (t: Instant) in TimeInput.format(t, utcOffsetSeconds: s.utcOffsetSeconds) }
        switch f {
        case .reason: return TextField(id: f.rawValue, label: l.pick("原因", "Reason"), maxLength: FieldLimits.note)
        case .note: return TextField(id: f.rawValue, label: l.pick("备注", "Note"), maxLength: FieldLimits.note)
        case .due:
            return TextField(id: f.rawValue, label: l.pick("期限", "Due"), text: time(max(c.dueAt, model.now.adding(.minutes(1)))))
        case .newDue:
            return TextField(id: f.rawValue, label: l.pick("新期限", "New due"), text: time(max(c.dueAt, model.now).adding(.days(1))))
        case .level:
            // A card only ever goes up: the levels above the current one, the next first.
            let higher = [SupervisionLevel.normal, .yellow, .red].filter { $0 > c.supervision }
            return TextField(id: f.rawValue, label: l.pick("级别", "Level"),
                             choices: (higher.isEmpty ? [.red] : higher).map { FieldChoice(value: $0.rawValue, label: l.label($0)) })
        case .outcome:
            return TextField(id: f.rawValue, label: l.pick("结果", "Outcome"),
                             choices: VisitOutcome.allCases.map { FieldChoice(value: $0.rawValue, label: l.label($0)) })
        case .into:
            // The cases an early warning already ties to this one are the likely targets:
            // the oldest still open is offered, and the label names the others.
            let linked = linkedOpenCases(c, model: model)
            return TextField(id: f.rawValue, label: l.pick("并入", "Into case"), text: linked.first ?? "", maxLength: 20)
        }
    }

    /// What a form says under its fields before anything goes wrong.
    static func note(_ kind: ActionKind, for c: CaseRecord, lang l: Lang, model: Model) -> String? {
        guard kind == .merge else { return nil }
        let linked = linkedOpenCases(c, model: model)
        guard !linked.isEmpty else { return nil }
        return l.pick("预警关联：\(linked.joined(separator: " ")) · Enter 确认", "linked by a warning: \(linked.joined(separator: " ")) · Enter confirms")
    }

    /// Open cases that share an early warning with `c`, oldest first, at most five.
    static func linkedOpenCases(_ c: CaseRecord, model: Model) -> [String] {
        let numbers = Set(model.warnings(for: c.number).flatMap(\.cases)).subtracting([c.number])
        let open = numbers.compactMap { model.case($0) }.filter { $0.state.isOpen }
        return open.sorted { $0.ordinal < $1.ordinal }.prefix(5).map(\.number)
    }

    /// The action a submitted form asks for, or a message saying what is wrong.
    static func action(_ p: PendingForm, values: [String: String], state s: ConsoleState, model: Model) -> Result<CaseAction, FormError> {
        CaseActionTable.build(p.kind, FormValues(values: values, choice: p.choice, lang: s.lang, now: model.now,
                                                 utcOffsetSeconds: s.utcOffsetSeconds))
    }
}
