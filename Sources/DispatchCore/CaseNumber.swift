import Foundation

/// Case numbers as people type them.
public enum CaseNumber {
    /// `48`, `gw48` and `GW000048` all mean `GW000048`; anything else is returned
    /// trimmed and upper-cased, for the domain to refuse as an unknown case.
    public static func normalise(_ typed: String) -> String {
        let t = typed.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = t.hasPrefix("GW") ? String(t.dropFirst(2)) : t
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n > 0 else { return t }
        return CaseRecord.number(forOrdinal: n)
    }
}
