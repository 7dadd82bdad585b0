/// Something a ``Picker`` can offer: a unit, a person, a place.
public struct PickerItem: Hashable, Sendable, Identifiable {
    /// Stable identifier, returned when picked; also searchable.
    public var id: String
    /// Display name (e.g. `甘井子区应急管理局`).
    public var label: String
    /// Short code shown right-aligned and searchable (e.g. `GJZ-YJ`).
    public var code: String
    /// Extra search terms (pinyin, abbreviations, former names).
    public var keywords: [String]

    /// Creates an item.
    public init(id: String, label: String, code: String = "", keywords: [String] = []) {
        self.id = id
        self.label = label
        self.code = code
        self.keywords = keywords
    }
}

/// The outcome of a pick: the primary item plus any marked assisting items.
public struct PickerSelection: Hashable, Sendable {
    /// Id of the highlighted item when Enter was pressed.
    public var primary: String
    /// Ids of the other marked items, in the order they were marked.
    public var assisting: [String]

    /// Creates a selection.
    public init(primary: String, assisting: [String] = []) {
        self.primary = primary
        self.assisting = assisting
    }
}

/// What a ``Picker`` did with a key.
public enum PickerEvent: Hashable, Sendable {
    /// The key meant nothing to the picker.
    case ignored
    /// The query changed and the matches were recomputed.
    case queryChanged
    /// The highlight moved.
    case moved
    /// An item was marked (true) or unmarked (false).
    case toggled(id: String, marked: Bool)
    /// Enter: the selection was made.
    case picked(PickerSelection)
    /// Esc: the picker was dismissed.
    case cancelled
}

/// Incremental search over items, with optional multi-select.
///
/// Typing filters (every whitespace-separated query word must occur,
/// case-insensitively, in the label, code, id or a keyword); exact and
/// prefix matches sort first. Up/Down/PgUp/PgDn move, Enter picks, Esc
/// cancels, Backspace and ^U edit the query. With `allowsMultiSelect`,
/// Space marks/unmarks the highlighted item instead of typing a space
/// (query words are split on spaces anyway, so nothing is lost).
public struct Picker: Hashable, Sendable {
    /// All items, in their natural order.
    public private(set) var items: [PickerItem]
    /// Current query.
    public private(set) var query: String = ""
    /// Indices into `items` of the current matches, best first.
    public private(set) var matches: [Int]
    /// Highlight and scroll position within `matches`.
    public private(set) var state: SelectionState
    /// Marked item ids, in marking order.
    public private(set) var marked: [String] = []
    /// Whether Space marks items for a multiple selection.
    public var allowsMultiSelect: Bool
    /// Text drawn before the query.
    public var prompt: String

    /// Creates a picker showing every item.
    public init(items: [PickerItem], allowsMultiSelect: Bool = false, prompt: String = "/") {
        self.items = items
        self.matches = Array(items.indices)
        self.state = SelectionState(count: items.count)
        self.allowsMultiSelect = allowsMultiSelect
        self.prompt = prompt
    }

    /// The highlighted item, if any match.
    public var highlighted: PickerItem? {
        state.selected.map { items[matches[$0]] }
    }

    /// Replaces the query and recomputes matches (highlight returns to the best match).
    public mutating func setQuery(_ newQuery: String) {
        query = String(newQuery.filter(TextField.isInsertable))
        matches = PickerMatcher.rank(items, query: query)
        state = SelectionState(count: matches.count)
    }

    /// Applies one key (see the type documentation).
    /// - Parameter visibleRows: list height, for paging.
    public mutating func handle(_ key: Key, visibleRows: Int = 10) -> PickerEvent {
        switch key {
        case .escape: return .cancelled
        case .enter: return pick()
        // Tab marks: a query may hold spaces (`金华 社区`).
        case .tab where allowsMultiSelect: return toggleHighlighted()
        case .char(let c):
            setQuery(query + String(c))
            return .queryChanged
        case .paste(let text):
            setQuery(query + TextField.singleLine(text).filter(TextField.isInsertable))
            return .queryChanged
        case .backspace:
            guard !query.isEmpty else { return .ignored }
            setQuery(String(query.dropLast()))
            return .queryChanged
        case .ctrl("u"):
            setQuery("")
            return .queryChanged
        default:
            return state.handle(key, rows: visibleRows) ? .moved : .ignored
        }
    }

    private mutating func pick() -> PickerEvent {
        guard let item = highlighted else { return .ignored }
        return .picked(PickerSelection(primary: item.id, assisting: marked.filter { $0 != item.id }))
    }

    private mutating func toggleHighlighted() -> PickerEvent {
        guard let item = highlighted else { return .ignored }
        if let index = marked.firstIndex(of: item.id) {
            marked.remove(at: index)
            return .toggled(id: item.id, marked: false)
        }
        marked.append(item.id)
        return .toggled(id: item.id, marked: true)
    }
}
