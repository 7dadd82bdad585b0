/// A key hint in the status line, e.g. key `a`, label `accept`.
public struct KeyHint: Hashable, Sendable {
    /// Key name as shown (`a`, `Enter`, `F5`).
    public var key: String
    /// What the key does.
    public var label: String

    /// Creates a hint.
    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// One-line status bar: key hints on the left, a message on the right.
///
/// `a accept  d dispatch  q quit                    同步 12:03:04`
///
/// Hints are dropped whole from the end when space runs out (a "…" marks
/// the cut); half a hint would mislead. The message wins over hints: it
/// takes the room it needs (the whole line at most), and the hints get the
/// rest, until the message is dismissed.
public struct StatusLine: Hashable, Sendable {
    /// Hints in priority order.
    public var hints: [KeyHint]
    /// Right-aligned message (sync time, staleness, errors).
    public var message: String
    /// Style of the message (e.g. ``Element/stale`` or ``Element/error``).
    public var messageStyle: Style

    /// Creates a status line.
    public init(hints: [KeyHint], message: String = "", messageStyle: Style = Style(.statusBar)) {
        self.hints = hints
        self.message = message
        self.messageStyle = messageStyle
    }

    /// Draws into the first row of `rect`.
    public func render(into buffer: inout Buffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row, style: Style(.statusBar))
        let note = TextLayout.truncate(Sanitizer.inert(message), toWidth: rect.width)
        let noteWidth = DisplayWidth.of(note)
        if noteWidth > 0 {
            buffer.put(note, x: row.maxX - noteWidth, y: row.y, style: messageStyle)
        }
        let room = rect.width - (noteWidth > 0 ? noteWidth + 1 : 0)
        renderHints(into: &buffer, x: row.x, y: row.y, room: room)
    }

    private func renderHints(into buffer: inout Buffer, x: Int, y: Int, room: Int) {
        let clean = hints.map { (key: Sanitizer.inert($0.key), label: Sanitizer.inert($0.label)) }
        let count = Self.hintsThatFit(clean.map { DisplayWidth.of($0.key) + 1 + DisplayWidth.of($0.label) },
                                      room: room)
        var column = x
        for (index, hint) in clean.prefix(count).enumerated() {
            if index > 0 { column += 2 }
            column += buffer.put(hint.key, x: column, y: y, style: Style(.statusKey))
            column += buffer.put(" " + hint.label, x: column, y: y, style: Style(.statusBar))
        }
        if count < clean.count && room >= 1 {
            buffer.put("…", x: column + (count > 0 ? 2 : 0), y: y, style: Style(.statusBar))
        }
    }

    /// Largest k such that the first k hints, two-space separated, plus a
    /// "…" marker when some are left out, fit in `room` columns.
    static func hintsThatFit(_ widths: [Int], room: Int) -> Int {
        for k in stride(from: widths.count, through: 0, by: -1) {
            let hintsWidth = widths.prefix(k).reduce(0, +) + 2 * max(0, k - 1)
            let marker = k < widths.count ? (k > 0 ? 3 : 1) : 0
            if hintsWidth + marker <= room { return k }
        }
        return 0
    }
}
