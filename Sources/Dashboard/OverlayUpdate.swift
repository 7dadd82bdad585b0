import DispatchCore
import TerminalUI

/// Keys while an overlay is open: help, detail, forms, pickers, confirmations, prompts.
enum OverlayUpdate {
    static func handle(_ s: inout ConsoleState, _ key: Key, model: Model) -> [Effect] {
        switch s.overlay {
        case .none: return []
        case .detail(let number, _):
            // `:` and `/` leave the detail for the prompt, so what is typed next is text,
            // never keys acting on the case.
            if let action = KeyMap.action(for: key, in: s.bindings), action == .command || action == .filter {
                s.overlay = .none
                return ConsoleUpdate.update(&s, .key(key), model: model)
            }
            if KeyMap.action(for: key, in: s.bindings) == .copy { return PaneTools.copy(&s, model: model) }
            // The actions of the case shown work here too, on that case.
            if let kind = KeyMap.action(for: key, in: s.bindings)?.kind, let c = model.case(number) {
                s.message = ""
                return CaseActions.start(&s, kind, on: c, model: model)
            }
            if key == .escape || key == .enter || key == .char("q") || key == .char("?") { s.overlay = .none }
            return []
        case .help, .indicators:
            if key == .escape || key == .enter || key == .char("q") || key == .char("?") { s.overlay = .none }
            return []
        case .confirm(let c):
            // Destructive questions default to no: only `y` goes ahead, so an Enter
            // meant for something else (or a stray paste) cannot void or merge a case.
            if key == .char("y") || key == .char("Y") {
                s.overlay = .none
                return [.execute(c.command, summary: c.summary)]
            }
            if key == .char("n") || key == .char("N") || key == .escape || key == .enter {
                s.overlay = .none
                ConsoleUpdate.say(&s, s.lang.pick("已取消，未做更改", "cancelled: nothing was changed"))
            }
            return []
        case .picker(var p): return picker(&s, &p, key, model: model)
        case .found(let query, var p):
            switch p.handle(key) {
            case .cancelled: s.overlay = .none
            case .picked(let choice):
                s.overlay = .detail(number: choice.primary, timeline: nil)
                return [.loadTimeline(choice.primary)]
            default: s.overlay = .found(query: query, picker: p)
            }
            return []
        case .form(var f): return form(&s, &f, key, model: model)
        case .prompt(let kind, var field): return prompt(&s, kind, &field, key, model: model)
        }
    }

    private static func picker(_ s: inout ConsoleState, _ p: inout PendingPicker, _ key: Key, model: Model) -> [Effect] {
        switch p.picker.handle(key) {
        case .cancelled:
            s.overlay = .none
        case .picked(let choice):
            guard let c = model.case(p.number) else { s.overlay = .none; return [] }
            s.overlay = .form(PendingForm(kind: p.kind, number: p.number, version: p.version, title: p.title,
                                          form: Forms.make(p.kind, for: c, state: s, model: model), error: nil, choice: choice))
        default:
            s.overlay = .picker(p)
        }
        return []
    }

    private static func form(_ s: inout ConsoleState, _ f: inout PendingForm, _ key: Key, model: Model) -> [Effect] {
        switch f.form.handle(key) {
        case .cancelled:
            s.overlay = .none
            return []
        case .submitted(let values):
            switch Forms.action(f, values: values, state: s, model: model) {
            case .failure(let e):
                f.error = e.message
                s.overlay = .form(f)
                return []
            case .success(let action):
                let command = Command.act(action, on: f.number, expectedVersion: f.version)
                if let refusal = refusal(command, model: model, lang: s.lang) {
                    f.error = refusal
                    s.overlay = .form(f)
                    return []
                }
                if case .formThenConfirm = CaseActionTable.spec(f.kind).input {
                    s.overlay = .confirm(PendingConfirm(question: confirmation(action, f, s.lang), command: command,
                                                        summary: "\(f.number) " + CaseActions.done(f.kind, s.lang)))
                    return []
                }
                s.overlay = .form(f)
                return [.execute(command, summary: "\(f.number) " + CaseActions.done(f.kind, s.lang))]
            }
        default:
            f.error = nil
            s.overlay = .form(f)
            return []
        }
    }

    /// The question before a destructive action, naming what it will do.
    private static func confirmation(_ a: CaseAction, _ f: PendingForm, _ l: Lang) -> String {
        if case .merge(let into, _) = a { return l.pick("确认将 \(f.number) 并入 \(into)？(y/N)", "Merge \(f.number) into \(into)? (y/N)") }
        let spec = CaseActionTable.spec(f.kind)
        return l.pick("确认\(spec.zh) \(f.number)？(y/N)", "\(spec.en.capitalisedFirst) \(f.number)? (y/N)")
    }

    /// Checks a command against the model before sending it, so a form can say what is
    /// wrong while it is still open. The store checks again under its lock.
    private static func refusal(_ c: Command, model: Model, lang: Lang) -> String? {
        do { _ = try model.decide(c, now: model.now); return nil } catch {
            if case .conflict = error { return nil }  // the store reports conflicts and refreshes
            return DomainText.describe(error, lang)
        }
    }

    private static func prompt(_ s: inout ConsoleState, _ kind: PromptKind, _ field: inout TextField, _ key: Key, model: Model) -> [Effect] {
        s.completions = []
        switch key {
        case .escape:
            if kind == .filter { s.filters[s.focus] = nil }
            s.overlay = .none
            return []
        case .enter:
            s.overlay = .none
            guard kind == .command else {
                if let unknown = SavedFilter.parse(field.text).unknown { CommandLine.unknownFilter(&s, unknown) }
                return []
            }
            remember(&s, field.text)
            return CommandLine.run(&s, field.text, model: model)
        case .up where kind == .command, .down where kind == .command:
            // Earlier commands, newest first; past the newest is an empty line again.
            let n = s.commandHistory.count
            // What was being typed is kept while the history is browsed, and comes back below it.
            if s.historyPosition == n { s.historyDraft = field.text }
            s.historyPosition = min(max(0, s.historyPosition + (key == .up ? -1 : 1)), n)
            field.setText(s.historyPosition < n ? s.commandHistory[s.historyPosition] : s.historyDraft)
        case .tab where kind == .command:
            let (text, candidates) = CommandCompletion.complete(field.text, model: model, access: s.access)
            field.setText(text)
            s.completions = candidates
        default:
            _ = field.handle(key)
            if kind == .filter { s.filters[s.focus] = field.text.isEmpty ? nil : field.text }
        }
        s.overlay = .prompt(kind, field)
        return []
    }

    /// Adds a command to the history (not twice in a row), keeping the last 100.
    private static func remember(_ s: inout ConsoleState, _ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, s.commandHistory.last != t else { return }
        s.commandHistory.append(t)
        if s.commandHistory.count > 100 { s.commandHistory.removeFirst(s.commandHistory.count - 100) }
    }
}
