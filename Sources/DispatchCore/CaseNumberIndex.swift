/// Case number → index in `Model.cases`.
///
/// Numbers the model gives (`GW` and the ordinal, `CaseRecord.number(forOrdinal:)`) are
/// found by position in an array of ordinals, without hashing a string: a replay looks a
/// case up for most of its events, and a million-event store's dictionary of numbers
/// took 10 MB where this array takes 1. Any other number (an imported or damaged log may
/// hold `GW0000048` beside `GW000048`, or something else entirely) goes to a dictionary,
/// so two different strings never share a slot.
struct CaseNumberIndex: Sendable {
    /// The case index for each ordinal, or -1.
    private var byOrdinal: [Int32] = []
    private var filled = 0
    private var other: [String: Int32] = [:]

    /// The array grows only this far past the numbers it holds: a log naming
    /// `GW999999999` must not make it allocate a billion slots, and a report-only model
    /// (a `raise`), whose few cases carry numbers in the tens of thousands, keeps them
    /// in the dictionary rather than fill an array of slots it would never use.
    private var ordinalLimit: Int { 4 * filled + 1_024 }

    subscript(number: String) -> Int32? {
        get {
            if let n = Self.ordinal(number), n < byOrdinal.count, byOrdinal[n] >= 0 { return byOrdinal[n] }
            return other.isEmpty ? nil : other[number]
        }
        set {
            if !other.isEmpty { other.removeValue(forKey: number) }
            guard let n = Self.ordinal(number), n < max(byOrdinal.count, ordinalLimit) else {
                if let newValue { other[number] = newValue }
                return
            }
            if n >= byOrdinal.count {
                guard newValue != nil else { return }
                byOrdinal.append(contentsOf: repeatElement(-1, count: n + 1 - byOrdinal.count))
            }
            filled += (newValue == nil ? 0 : 1) - (byOrdinal[n] < 0 ? 0 : 1)
            byOrdinal[n] = newValue ?? -1
        }
    }

    /// Makes room for ordinals up to `n` at once, where a restore knows how many cases follow.
    mutating func reserveCapacity(_ n: Int) { byOrdinal.reserveCapacity(n + 1) }

    /// Slots in the ordinal array, for tests of its bound.
    var ordinalSlots: Int { byOrdinal.count }

    /// The ordinal of a number exactly as `CaseRecord.number(forOrdinal:)` writes it,
    /// else nil: six digits with leading zeros, or more digits without.
    static func ordinal(_ number: String) -> Int? {
        guard let n = CaseRecord.ordinal(of: number) else { return nil }
        var digits = 1, rest = n
        while rest >= 10 { rest /= 10; digits += 1 }
        // `GW0000048` parses to 48 too, but is not the number 48 is given.
        return number.utf8.count == 2 + max(6, digits) ? n : nil
    }
}
