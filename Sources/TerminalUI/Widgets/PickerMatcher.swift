/// Query matching and ranking for ``Picker``.
public enum PickerMatcher {
    /// How well `item` matches the query words: lower is better, nil for no
    /// match. Each word scores 0 for an exact id/code/label match, 1 for a
    /// prefix of any field, 2 for a substring; the item's score is the sum.
    public static func score(_ item: PickerItem, words: [String]) -> Int? {
        let fields = ([item.id, item.code, item.label] + item.keywords).map { $0.lowercased() }
        var total = 0
        for word in words {
            guard let best = fields.compactMap({ fieldScore($0, word) }).min() else { return nil }
            total += best
        }
        return total
    }

    /// Indices of matching items, best score first, ties in item order.
    public static func rank(_ items: [PickerItem], query: String) -> [Int] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return Array(items.indices) }
        return items.indices
            .compactMap { index in score(items[index], words: words).map { (index, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }

    private static func fieldScore(_ field: String, _ word: String) -> Int? {
        if field == word { return 0 }
        if field.hasPrefix(word) { return 1 }
        if field.contains(word) { return 2 }
        return nil
    }
}
