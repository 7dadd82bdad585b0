/// What a ``Form`` did with a key.
public enum FormEvent: Hashable, Sendable {
    /// The key meant nothing to the form.
    case ignored
    /// The focused field's value or cursor changed.
    case edited
    /// Focus moved to another field.
    case focusChanged
    /// The user confirmed: values by field id.
    case submitted([String: String])
    /// The user abandoned the form (Esc).
    case cancelled
}

/// A column of labelled ``TextField``s with one focused field.
///
/// A pure value: feed it keys, act on the returned ``FormEvent``.
/// Tab/Down go to the next field, Shift-Tab/Up to the previous (wrapping).
/// Enter moves to the next field and submits on the last one (or submits
/// at once when `enterAdvances` is false); Esc cancels.
public struct Form: Hashable, Sendable {
    /// The fields, top to bottom.
    public var fields: [TextField]
    /// Index of the focused field.
    public private(set) var focusedIndex: Int
    /// Whether Enter on a non-final field moves on instead of submitting.
    public var enterAdvances: Bool

    /// Creates a form focused on the first field.
    public init(fields: [TextField], enterAdvances: Bool = true) {
        self.fields = fields
        self.focusedIndex = 0
        self.enterAdvances = enterAdvances
    }

    /// Current values by field id.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    /// Focuses a field (clamped).
    public mutating func focus(_ index: Int) {
        focusedIndex = min(max(0, index), max(0, fields.count - 1))
    }

    /// Applies one key (see the type documentation for the bindings).
    public mutating func handle(_ key: Key) -> FormEvent {
        switch key {
        case .escape: return .cancelled
        case .tab, .down: return moveFocus(by: 1)
        case .backTab, .up: return moveFocus(by: -1)
        case .enter:
            if enterAdvances && focusedIndex < fields.count - 1 { return moveFocus(by: 1) }
            return .submitted(values)
        default:
            guard fields.indices.contains(focusedIndex) else { return .ignored }
            return fields[focusedIndex].handle(key) ? .edited : .ignored
        }
    }

    /// Draws one field per row: label (in a column as wide as the widest
    /// label) then the field.
    /// - Returns: the cursor position of the focused field, if visible.
    @discardableResult
    public func render(into buffer: inout Buffer, in rect: Rect) -> (x: Int, y: Int)? {
        let labels = fields.map { Sanitizer.inert($0.label) }
        let labelWidth = min(labels.map { DisplayWidth.of($0) }.max() ?? 0, rect.width / 2)
        var cursor: (x: Int, y: Int)?
        for (index, field) in fields.enumerated() where index < rect.height {
            let y = rect.y + index
            buffer.put(TextLayout.fit(labels[index], toWidth: labelWidth, alignment: .right),
                       x: rect.x, y: y, style: Style(.inputLabel))
            let area = Rect(x: rect.x + labelWidth + 1, y: y, width: rect.width - labelWidth - 1, height: 1)
            let focused = index == focusedIndex
            if let position = field.render(into: &buffer, in: area, focused: focused), focused {
                cursor = position
            }
        }
        return cursor
    }

    private mutating func moveFocus(by delta: Int) -> FormEvent {
        guard fields.count > 1 else { return .ignored }
        focusedIndex = ((focusedIndex + delta) % fields.count + fields.count) % fields.count
        return .focusChanged
    }
}
