/// The note on a supervision card the sweep records: what is late and by when it was
/// due. Written in English into the log (it is part of the record); consoles read it
/// back through here to show it in their own language and time zone.
public struct OverdueNote: Hashable, Sendable {
    /// Late for acceptance (else for resolution).
    public var acceptance: Bool
    /// The deadline that passed.
    public var deadline: Instant

    /// A note for a case late for acceptance or resolution.
    public init(acceptance: Bool, deadline: Instant) {
        self.acceptance = acceptance
        self.deadline = deadline
    }

    private static let forms = (acceptance: "overdue acceptance (accept by ", resolution: "overdue resolution (due ")

    /// The text recorded on the card.
    public var text: String { (acceptance ? Self.forms.acceptance : Self.forms.resolution) + deadline.iso8601 + ")" }

    /// The note a card carries, if the sweep wrote it; nil for any other note.
    public init?(parsing note: String) {
        guard note.hasSuffix(")") else { return nil }
        for (prefix, acceptance) in [(Self.forms.acceptance, true), (Self.forms.resolution, false)] where note.hasPrefix(prefix) {
            guard let t = ISOTime.parse(String(note.dropFirst(prefix.count).dropLast())) else { return nil }
            self.init(acceptance: acceptance, deadline: t)
            return
        }
        return nil
    }
}
