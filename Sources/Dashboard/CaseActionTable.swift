import DispatchCore
import TerminalUI

/// How the console collects what an action needs before it can be recorded.
public enum ActionInput: Hashable, Sendable {
    /// Nothing: the key records it at once.
    case immediate
    /// A y/n question, answered no unless `y` is typed.
    case confirm
    /// A small form.
    case form([FormField])
    /// A picker of centres and agencies, then a form.
    case pick(PickerKind, then: [FormField])
    /// A form, then a y/n question that names what it will do.
    case formThenConfirm([FormField])
}

/// What a picker lists.
public enum PickerKind: Hashable, Sendable {
    /// Every centre and agency: the lead (and assisting units) of a dispatch.
    case assignees
    /// The centres below the case's owner.
    case lowerCentres
}

/// The fields forms are made of.
public enum FormField: String, Hashable, Sendable {
    case reason, note, due, newDue, level, outcome, into
}

/// One row of the console's action table.
public struct CaseActionSpec: Sendable {
    public let kind: ActionKind
    /// The key that starts it.
    public let key: Character
    public let zh: String
    public let en: String
    public let input: ActionInput
    /// What the status line says once it is recorded ("已受理", "accepted").
    public let doneZh: String
    public let doneEn: String
}

/// The console's vocabulary of case actions in one table: the key, the labels, what
/// input each needs and (in `build`) the domain action it makes. The key map, the
/// status line and the help are generated from it; where an action applies is
/// `ActionKind`'s table, the one `decide` reads.
public enum CaseActionTable {
    /// Every action, in the order of `ActionKind`.
    public static let all: [CaseActionSpec] = ActionKind.allCases.map(spec)

    /// The row for an action. Exhaustive: a new kind does not compile until it has one.
    public static func spec(_ kind: ActionKind) -> CaseActionSpec {
        switch kind {
        case .accept: CaseActionSpec(kind: kind, key: "a", zh: "受理", en: "accept", input: .immediate, doneZh: "已受理", doneEn: "accepted")
        case .void: CaseActionSpec(kind: kind, key: "V", zh: "作废", en: "void", input: .formThenConfirm([.reason]), doneZh: "已作废", doneEn: "voided")
        case .dispatch: CaseActionSpec(kind: kind, key: "d", zh: "交办", en: "dispatch", input: .pick(.assignees, then: [.due, .note]), doneZh: "已交办", doneEn: "dispatched")
        case .sign: CaseActionSpec(kind: kind, key: "S", zh: "签收", en: "sign", input: .immediate, doneZh: "已签收", doneEn: "signed")
        case .return: CaseActionSpec(kind: kind, key: "b", zh: "退单", en: "return", input: .form([.reason]), doneZh: "已退单", doneEn: "returned")
        case .reassign: CaseActionSpec(kind: kind, key: "D", zh: "改派", en: "reassign", input: .pick(.assignees, then: [.due, .reason]), doneZh: "已改派", doneEn: "reassigned")
        case .escalate: CaseActionSpec(kind: kind, key: "e", zh: "提级", en: "escalate", input: .form([.reason]), doneZh: "已提级", doneEn: "escalated")
        case .sendDown: CaseActionSpec(kind: kind, key: "n", zh: "下派", en: "send down", input: .pick(.lowerCentres, then: [.reason]), doneZh: "已下派", doneEn: "sent down")
        case .supervise: CaseActionSpec(kind: kind, key: "s", zh: "督办", en: "supervise", input: .form([.level, .note]), doneZh: "已督办", doneEn: "supervised")
        case .extend: CaseActionSpec(kind: kind, key: "x", zh: "延期", en: "extend", input: .form([.newDue, .reason]), doneZh: "已延期", doneEn: "extended")
        case .resolve: CaseActionSpec(kind: kind, key: "r", zh: "办结", en: "resolve", input: .form([.note]), doneZh: "已办结", doneEn: "resolved")
        case .close: CaseActionSpec(kind: kind, key: "c", zh: "核查结案", en: "close", input: .confirm, doneZh: "已结案", doneEn: "closed")
        case .visit: CaseActionSpec(kind: kind, key: "v", zh: "回访", en: "visit", input: .form([.outcome, .note]), doneZh: "已回访", doneEn: "visited")
        case .reopen: CaseActionSpec(kind: kind, key: "o", zh: "重办", en: "reopen", input: .form([.reason]), doneZh: "已重办", doneEn: "reopened")
        case .merge: CaseActionSpec(kind: kind, key: "m", zh: "并单", en: "merge", input: .formThenConfirm([.into, .note]), doneZh: "已并单", doneEn: "merged")
        case .note: CaseActionSpec(kind: kind, key: "t", zh: "备注", en: "note", input: .form([.note]), doneZh: "已备注", doneEn: "noted")
        }
    }

    /// The domain action from what was typed and picked, or what is wrong with it.
    static func build(_ kind: ActionKind, _ v: FormValues) -> Result<CaseAction, FormError> {
        switch kind {
        case .accept: .success(.accept(note: v.note))
        case .void: .success(.void(reason: v.reason))
        case .dispatch: v.lead().flatMap { lead in v.due().map { .dispatch(lead: lead, assisting: v.assisting, dueAt: $0, note: v.note) } }
        case .sign: .success(.sign(note: v.note))
        case .return: .success(.return(reason: v.reason))
        case .reassign: v.lead().flatMap { lead in v.due().map { .reassign(lead: lead, assisting: v.assisting, dueAt: $0, reason: v.reason) } }
        case .escalate: .success(.escalate(reason: v.reason))
        case .sendDown: v.lowerCentre().map { .sendDown(to: $0, reason: v.reason) }
        case .supervise: v.supervision().map { .supervise(level: $0, note: v.note) }
        case .extend: v.due().map { .extend(dueAt: $0, reason: v.reason) }
        case .resolve: .success(.resolve(note: v.note))
        case .close: .success(.close(note: v.note))
        case .visit: v.outcome().map { .visit(outcome: $0, note: v.note) }
        case .reopen: .success(.reopen(reason: v.reason))
        case .merge: .success(.merge(into: v.caseNumber, note: v.note))
        case .note: .success(.note(text: v.note))
        }
    }

    /// The fields a form for this action shows.
    static func fields(_ kind: ActionKind) -> [FormField] {
        switch spec(kind).input {
        case .immediate, .confirm: []
        case .form(let f), .formThenConfirm(let f), .pick(_, let f): f
        }
    }
}

/// What a form and a picker collected, read field by field.
struct FormValues {
    var values: [String: String]
    var choice: PickerSelection?
    var lang: Lang
    var now: Instant
    var utcOffsetSeconds: Int

    var note: String { values[FormField.note.rawValue] ?? "" }
    var reason: String { values[FormField.reason.rawValue] ?? "" }
    var assisting: [Assignee] { (choice?.assisting ?? []).compactMap(Assignee.init(tagged:)) }

    /// `48` or `gw48` means `GW000048`, as everywhere a case number is typed.
    var caseNumber: String { CaseNumber.normalise(values[FormField.into.rawValue] ?? "") }

    func lead() -> Result<Assignee, FormError> {
        guard let p = choice?.primary, let a = Assignee(tagged: p) else { return .failure(FormError(lang.pick("未选择主办单位", "no lead chosen"))) }
        return .success(a)
    }

    func lowerCentre() -> Result<String, FormError> {
        guard let p = choice?.primary, case .centre(let code)? = Assignee(tagged: p) else {
            return .failure(FormError(lang.pick("未选择下级中心", "no centre chosen")))
        }
        return .success(code)
    }

    func due() -> Result<Instant, FormError> {
        let text = values[FormField.due.rawValue] ?? values[FormField.newDue.rawValue] ?? ""
        return TimeInput.parse(text, now: now, utcOffsetSeconds: utcOffsetSeconds).map { .success($0) }
            ?? .failure(FormError(lang.pick("时间格式：2026-11-28 18:00、+2h 或 +3d", "time: 2026-11-28 18:00, +2h or +3d")))
    }

    func supervision() -> Result<SupervisionLevel, FormError> {
        guard let l = SupervisionLevel.parse(values[FormField.level.rawValue] ?? ""), l != .none else {
            return .failure(FormError(lang.pick("级别：normal、yellow 或 red", "level: normal, yellow or red")))
        }
        return .success(l)
    }

    func outcome() -> Result<VisitOutcome, FormError> {
        guard let o = VisitOutcome.parse(values[FormField.outcome.rawValue] ?? "") else {
            return .failure(FormError(lang.pick("结果：satisfied、basic 或 unsatisfied", "outcome: satisfied, basic or unsatisfied")))
        }
        return .success(o)
    }
}

/// A problem with what was typed into a form.
struct FormError: Error {
    var message: String
    init(_ m: String) { message = m }
}
