import DispatchCore
import TerminalUI

/// Draws the whole console into a buffer: a pure function of state and model.
public enum ConsoleView {
    /// The console at `width` x `height`.
    public static func render(_ s: ConsoleState, model: Model, width: Int, height: Int) -> Buffer {
        var (b, fits) = Screen.blank(width: width, height: height, minimum: (20, 8), lang: s.lang)
        guard fits else { return b }
        let layout = ConsoleLayout(width: width, height: height, focus: s.focus)
        HeaderView.render(s, model: model, into: &b, in: layout.header)
        TierGridView.render(s, model: model, into: &b, in: layout.grid)
        for (f, r) in zip([Focus.alerts, .dispatch, .followUps], layout.panes) {
            CasePaneView.render(f, s, model: model, into: &b, in: r)
        }
        // With a case's detail open, its keys are the ones that apply.
        let detail: CaseRecord? = if case .detail(let n, _) = s.overlay { model.case(n) } else { nil }
        let selected = detail ?? ConsoleUpdate.selectedCase(s, model: model)
        let warned = selected.map { !model.warnings(for: $0.number).isEmpty } ?? false
        let hints = KeyMap.hints(s.bindings, lang: s.lang, selected: selected?.state, warned: warned,
                                 allowed: { kind in selected.map { s.mayTake(kind, on: $0, model: model) } ?? false })
        StatusLine(hints: hints, message: s.message, messageStyle: Style(s.messageIsError ? .error : .good).on(.statusBar))
            .render(into: &b, in: layout.status)
        OverlayView.render(s, model: model, into: &b)
        return b
    }

    /// Rows visible in each case pane at this size, for `ConsoleUpdate.sync`.
    public static func paneRows(width: Int, height: Int) -> Int { ConsoleLayout(width: width, height: height).paneRows }
}
