import DispatchCore
import TerminalUI

/// Tab at the `:` prompt: completes the command word, then its argument (a unit name
/// for `goto`, a theme, a language, a named filter, an order). One candidate is filled
/// in; several fill in what they share and are listed above the prompt.
enum CommandCompletion {
    static let verbs = ["goto", "find", "filter", "sort", "theme", "lang", "quit"]

    /// The completed text and the candidates to show (empty when one was filled in).
    static func complete(_ text: String, model: Model, access: AccessCheck?) -> (text: String, candidates: [String]) {
        guard let space = text.firstIndex(of: " ") else { return fill("", text, verbs, suffix: " ") }
        let verb = String(text[..<space]), arg = String(text[text.index(after: space)...])
        let options: [String]
        switch verb {
        case "goto", "g":
            // Unit names the person may open, the start typed; all of them count towards
            // what is filled in (the prompt lists the first forty).
            options = arg.isEmpty ? [] : Array(Set(model.units.lazy.filter { !$0.retired && $0.name.hasPrefix(arg) }
                .filter { access?.principal.may(.viewer, at: $0.code, in: model) ?? true }.map(\.name))).sorted()
        case "theme": options = ThemeCatalog.names
        case "lang": options = Lang.allCases.map(\.rawValue)
        case "filter": options = SavedFilter.allCases.map(\.token)
        case "sort": options = PaneSort.allCases.map(\.configName)
        default: options = []
        }
        return fill(verb + " ", arg, options, suffix: "")
    }

    /// `prefix + typed` completed among `options`.
    private static func fill(_ prefix: String, _ typed: String, _ options: [String], suffix: String) -> (text: String, candidates: [String]) {
        let matching = options.filter { $0.hasPrefix(typed) }
        guard let first = matching.first else { return (prefix + typed, []) }
        if matching.count == 1 { return (prefix + first + suffix, []) }
        var shared = first
        for m in matching.dropFirst() { while !m.hasPrefix(shared) { shared.removeLast() } }
        return (prefix + shared, matching)
    }
}
