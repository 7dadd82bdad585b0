/// One of a field's fixed values: what a form returns, and what the field shows.
public struct FieldChoice: Hashable, Sendable {
    public var value: String
    public var label: String

    /// Creates a choice.
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// A single-line text input: a value plus a cursor, edited by ``Key``s.
///
/// The cursor counts graphemes, so a CJK character or an emoji is one
/// step, and editing never leaves half a character behind.
public struct TextField: Hashable, Sendable {
    /// Stable identifier used in ``Form`` results.
    public var id: String
    /// Label drawn before the field.
    public var label: String
    /// Current value.
    public private(set) var text: String
    /// Cursor position in graphemes, `0...text.count`.
    public private(set) var cursor: Int
    /// Maximum length in graphemes, if limited.
    public var maxLength: Int?
    /// A field with fixed values (a visit's outcome, a card's level) is picked from them
    /// with Left and Right, or the first letter of one; nothing else can be typed.
    public private(set) var choices: [FieldChoice] = []

    /// Creates a field with the cursor at the end of `text`.
    public init(id: String, label: String, text: String = "", maxLength: Int? = nil) {
        self.id = id
        self.label = label
        self.maxLength = maxLength
        self.text = ""
        self.cursor = 0
        setText(text)
    }

    /// Creates a field whose value is one of `choices`, starting at `selected` (else the first).
    public init(id: String, label: String, choices: [FieldChoice], selected: String? = nil) {
        self.init(id: id, label: label, text: choices.first { $0.value == selected }?.value ?? choices.first?.value ?? "")
        self.choices = choices
    }

    /// Replaces the value (controls removed, length limited) and moves the cursor to the end.
    public mutating func setText(_ newText: String) {
        var clean = String(newText.filter(Self.isInsertable))
        if let maxLength, clean.count > maxLength { clean = String(clean.prefix(max(0, maxLength))) }
        text = clean
        cursor = text.count
    }

    /// Applies an editing key: printable characters insert, Backspace/Delete
    /// remove, Left/Right/Home/End and ^A/^E move, ^U/^K kill to start/end.
    /// - Returns: true when the key was an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        if !choices.isEmpty { return pick(key) }
        switch key {
        case .char(let c): insert(c)
        case .paste(let text): insertPasted(text)
        case .backspace: removeBefore()
        case .delete, .ctrl("d"): removeAt()
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"): removeRange(0, cursor)
        case .ctrl("k"): removeRange(cursor, text.count)
        default: return false
        }
        return true
    }

    private mutating func pick(_ key: Key) -> Bool {
        let i = choices.firstIndex { $0.value == text } ?? 0
        switch key {
        case .left: setText(choices[(i + choices.count - 1) % choices.count].value)
        case .right, .char(" "): setText(choices[(i + 1) % choices.count].value)
        case .char(let c):
            let typed = String(c).lowercased()
            guard let hit = choices.first(where: { $0.label.lowercased().hasPrefix(typed) || $0.value.lowercased().hasPrefix(typed) }) else {
                return false
            }
            setText(hit.value)
        default: return false
        }
        return true
    }

    /// Draws the value into the first row of `rect`, scrolled so the cursor
    /// is visible when focused (unfocused fields show the start); a focused
    /// field shows the cursor cell in reverse video.
    /// - Returns: the cursor's screen position when focused.
    @discardableResult
    public func render(into buffer: inout Buffer, in rect: Rect, focused: Bool) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        let style = Style(focused ? .inputFieldFocus : .inputField)
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
        if !choices.isEmpty {
            let shown = choices.first { $0.value == text }?.label ?? text
            let others = choices.map(\.label).joined(separator: " / ")
            buffer.put(focused ? "◂ \(shown) ▸  \(others)" : shown, x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
            return focused ? (rect.x, rect.y) : nil
        }
        let characters = Array(text)
        // Unfocused fields show the start of the value, focused ones follow the cursor.
        let start = focused ? firstVisible(characters, width: rect.width) : 0
        let visible = String(characters[start...])
        buffer.put(visible, x: rect.x, y: rect.y, style: style, maxWidth: rect.width)
        guard focused else { return nil }
        let cursorX = rect.x + DisplayWidth.of(String(characters[start..<cursor]))
        let under = cursor < characters.count ? String(characters[cursor]) : " "
        buffer.put(under, x: cursorX, y: rect.y, style: style.adding(.reverse), maxWidth: rect.maxX - cursorX)
        return (cursorX, rect.y)
    }

    /// First grapheme to show so the cursor cell fits in `width` columns.
    private func firstVisible(_ characters: [Character], width: Int) -> Int {
        let cursorCell = cursor < characters.count ? max(1, DisplayWidth.of(characters[cursor])) : 1
        var start = 0
        var used = characters[0..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        while start < cursor && used + cursorCell > width {
            used -= DisplayWidth.of(characters[start])
            start += 1
        }
        return start
    }

    /// Inserts pasted text at the cursor. The field holds one line, so line breaks and
    /// tabs become spaces; other controls are dropped, and the length limit holds.
    private mutating func insertPasted(_ pasted: String) {
        for character in Self.singleLine(pasted) { insert(character) }
    }

    /// `text` on one line: a run of line breaks becomes one space (none at the end) and
    /// a tab a space.
    public static func singleLine(_ text: String) -> String {
        var out = ""
        var pendingBreak = false
        for c in text {
            if c == "\r\n" || c == "\n" || c == "\r" { pendingBreak = true; continue }
            if pendingBreak, !out.isEmpty, out.last != " " { out.append(" ") }
            pendingBreak = false
            out.append(c == "\t" ? " " : c)
        }
        return out
    }

    private mutating func insert(_ character: Character) {
        guard Self.isInsertable(character) else { return }
        if let maxLength, text.count >= maxLength { return }
        let index = text.index(text.startIndex, offsetBy: cursor)
        let before = text.count
        text.insert(character, at: index)
        // A combining mark merges into the previous grapheme: the count may not grow.
        cursor += text.count - before
    }

    private mutating func removeBefore() {
        guard cursor > 0 else { return }
        removeRange(cursor - 1, cursor)
    }

    private mutating func removeAt() {
        guard cursor < text.count else { return }
        let keep = cursor
        removeRange(cursor, cursor + 1)
        cursor = keep
    }

    private mutating func removeRange(_ from: Int, _ to: Int) {
        let start = text.index(text.startIndex, offsetBy: from)
        let end = text.index(text.startIndex, offsetBy: to)
        text.removeSubrange(start..<end)
        cursor = from
    }

    /// Keyboard input is untrusted too: no controls or invisible formats in values.
    static func isInsertable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains(where: Sanitizer.isUnsafe)
    }
}
