import DispatchCore

/// The keys that shape a case pane rather than act on a case: order, named filters,
/// marks and copying the number.
enum PaneTools {
    /// `O`: the next order for the focused pane.
    static func sort(_ s: inout ConsoleState, model: Model) {
        guard s.focus != .grid else { return }
        setSort(&s, (s.sorts[s.focus] ?? .newest).next, model: model)
    }

    /// Orders the focused pane; the selection stays on its case (sync finds it).
    static func setSort(_ s: inout ConsoleState, _ sort: PaneSort, model: Model) {
        let f = s.focus
        s.sorts[f] = sort == .newest ? nil : sort
        // A paused pane keeps its rows but shows them in the new order.
        if let frozen = s.frozen?[f] { s.frozen?[f] = sort.sorted(frozen, in: f, model: model) }
        ConsoleUpdate.say(&s, s.lang.pick("排序：", "order: ") + sort.label(s.lang))
    }

    /// `F`: none, then each named filter in turn, in the focused pane.
    static func cycleFilter(_ s: inout ConsoleState) {
        guard s.focus != .grid else { return }
        let current = s.filters[s.focus], named = current.flatMap(SavedFilter.alone)
        // A filter typed by hand is put aside while F cycles, and comes back at the end.
        if let typed = current, named == nil { s.typedFilters[s.focus] = typed }
        let next = SavedFilter.cycle(after: named)
        s.filters[s.focus] = next?.token ?? s.typedFilters.removeValue(forKey: s.focus)
        ConsoleUpdate.say(&s, next.map { s.lang.pick("筛选：", "filter: ") + $0.label(s.lang) + " (\($0.token))" }
                          ?? s.filters[s.focus].map { s.lang.pick("筛选：", "filter: ") + $0 } ?? s.lang.pick("已清除筛选", "filter cleared"))
    }

    /// Space: marks the selected case (or unmarks it) and moves down, so a run of
    /// alerts is marked with repeated presses.
    static func mark(_ s: inout ConsoleState, model: Model) {
        guard let c = ConsoleUpdate.selectedCase(s, model: model) else { return }
        // Marks belong to one pane: marking in another starts afresh.
        if s.markedPane != s.focus { s.marked = [] }
        s.markedPane = s.focus
        if s.marked.remove(c.number) == nil { s.marked.insert(c.number) }
        ConsoleUpdate.move(&s, by: 1, model: model)
        let a = s.key(.act(.accept)), sign = s.key(.act(.sign))
        ConsoleUpdate.say(&s, s.lang.pick("已选 \(s.marked.count) 件；\(a) 全部受理，\(sign) 全部签收，Esc 取消",
                                          "\(s.marked.count) marked; \(a) accepts or \(sign) signs them all, Esc clears"))
    }

    /// `C`: the third pane between follow-ups and the cases that are done, focused.
    static func toggleDone(_ s: inout ConsoleState, model: Model) {
        s.showDone.toggle()
        s.focus = .followUps
        s.cursors[.followUps] = PaneCursor()
        if s.frozen != nil {
            s.frozen?[.followUps] = nil
            let rows = PaneRows(.followUps, state: s, model: model).ordered
            s.frozen?[.followUps] = rows
        }
        let o = s.key(.act(.reopen)), c = s.key(.doneCases)
        ConsoleUpdate.say(&s, s.showDone ? s.lang.pick("已结案件：已结案、已归档、已作废、已并单；\(o) 重办，\(c) 返回回访", "closed cases: closed, archived, voided and merged; \(o) reopens, \(c) goes back to follow-ups")
                                         : s.lang.pick("回访", "follow-ups"))
    }

    /// `y`: the selected case's number to the clipboard.
    static func copy(_ s: inout ConsoleState, model: Model) -> [Effect] {
        let detail: String? = if case .detail(let n, _) = s.overlay { n } else { nil }
        guard let number = detail ?? ConsoleUpdate.selectedCase(s, model: model)?.number else { return [] }
        ConsoleUpdate.say(&s, s.lang.pick("已复制 \(number)", "copied \(number)"))
        return [.copy(number)]
    }
}

/// One action on every marked case: the actions that need no input (accept, sign).
public enum BulkActions {
    /// What the status line says once the runtime has recorded them: `已受理 3 件；1 件不适用，未动`,
    /// with the first refusal named.
    public static func outcome(_ word: String, done: Int, skipped: Int, refusals: [String], lang l: Lang) -> Message {
        var text = l.pick("\(word) \(done) 件", "\(word) \(done) case\(done == 1 ? "" : "s")")
        if skipped > 0 { text += l.pick("；\(skipped) 件不适用，未动", "; \(skipped) not applicable, left alone") }
        guard let first = refusals.first else { return .executed(summary: text) }
        return .failed(text + l.pick("；\(refusals.count) 件未成：\(first)", "; \(refusals.count) refused: \(first)"), conflict: false)
    }

    static func start(_ s: inout ConsoleState, _ kind: ActionKind, model: Model) -> [Effect] {
        if s.past != nil { return CaseActions.start(&s, kind, model: model) }
        guard CaseActionTable.spec(kind).input == .immediate, let action = CaseActions.plain(kind, s, model: model) else {
            let a = s.key(.act(.accept)), sign = s.key(.act(.sign))
            ConsoleUpdate.say(&s, s.lang.pick("对已选案件只能批量受理（\(a)）或签收（\(sign)）；Esc 取消选择",
                                              "marked cases take only \(a) (accept) or \(sign) (sign) together; Esc clears the marks"), error: true)
            return []
        }
        // Only what the pane still lists: a mark on a case that has since moved on (or
        // that a filter now hides) is not acted on unseen.
        let listed = Set(PaneRows(s.focus, state: s, model: model).ordered)
        let cases = s.marked.sorted().compactMap { n in model.caseIndex(of: n).flatMap { listed.contains(Int32($0)) ? model.cases[$0] : nil } }
        let ready = cases.filter { kind.applies(in: $0.state) && s.mayTake(kind, on: $0, model: model) }
        guard !ready.isEmpty else {
            ConsoleUpdate.say(&s, s.lang.pick("已选的 \(cases.count) 件都不能\(CaseActionTable.spec(kind).zh)",
                                              "none of the \(cases.count) marked cases can be \(CaseActions.done(kind, .en))"), error: true)
            return []
        }
        s.marked = []
        return [.executeAll(ready.map { .act(action, on: $0.number, expectedVersion: $0.version) },
                            done: CaseActions.done(kind, s.lang), skipped: cases.count - ready.count)]
    }
}
