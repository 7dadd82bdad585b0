import DispatchCore
import TerminalUI

/// `:find TEXT`: any case, in any state (archived, voided and merged ones too), by its
/// number (`48`), title, reporter or the name of any place above it, in characters or
/// in pinyin (`tudi`, `jzq` for 金州区), newest first.
enum CaseSearch {
    /// At most this many cases are listed.
    static let limit = 200

    static func find(_ query: String, model: Model, access: AccessCheck?) -> [Int32] {
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !q.isEmpty else { return [] }
        let number = CaseNumber.normalise(q), pinyin = isPinyin(q)
        var places: [String: Bool] = [:]
        var out: [Int32] = []
        for i in model.cases.indices.reversed() {
            let c = model.cases[i]
            if let access, !access.canSee(c, in: model) { continue }
            guard matches(c, q, number: number, pinyin: pinyin, model: model, places: &places) else { continue }
            out.append(Int32(i))
            if out.count == limit { break }
        }
        return out
    }

    /// Whether a query is worth matching as pinyin: two letters or more, ASCII only.
    static func isPinyin(_ q: String) -> Bool { q.count >= 2 && q.allSatisfy { $0.isASCII && $0.isLetter } }

    /// Whether `c` matches: `places` remembers, per location, whether a place name did.
    static func matches(_ c: CaseRecord, _ q: String, number: String, pinyin: Bool, model: Model, places: inout [String: Bool]) -> Bool {
        if c.number == number || c.title.lowercased().contains(q) || c.reporter.lowercased().contains(q) { return true }
        if pinyin, Pinyin.shared.matches(c.title, q) { return true }
        if let known = places[c.location] { return known }
        let names = model.path(of: c.location).compactMap { model.unit($0)?.name }
        let hit = names.contains { $0.contains(q) || (pinyin && Pinyin.shared.matches($0, q)) }
        places[c.location] = hit
        return hit
    }

    /// The results as a picker: Enter opens the chosen case's detail.
    static func picker(_ found: [Int32], model: Model, lang: Lang) -> Picker {
        Picker(items: found.map { i in
            let c = model.cases[Int(i)]
            let place = model.unit(c.location)?.name ?? c.location
            return PickerItem(id: c.number, label: "\(c.number) \(Format.marker(c.level)) \(lang.label(c.state)) · \(c.title) · \(place)",
                              code: c.number)
        }, prompt: "/")
    }
}
