import Foundation

/// The benchmark's table: rows printed as they are measured, and a summary at the end.
final class Report {
    private var rows: [[String]] = []

    /// Records and prints one measurement. `ratio` is peer ÷ gridwatch (above 1: gridwatch is faster or smaller).
    func row(_ item: String, _ what: String, _ gridwatch: String, _ peer: String, ratio: Double, target: String, met: Bool?) {
        let verdict = met.map { $0 ? "met" : "MISSED" } ?? ""
        let r = [item, what, gridwatch, peer, ratio.isFinite ? String(format: "%.2f", ratio) : "-", target, verdict]
        rows.append(r)
        print(r.joined(separator: " | "))
        fflush(nil)  // every stream: rows show up while the next measurement runs
    }

    /// Prints a line of context.
    func note(_ s: String) {
        print(s)
        fflush(nil)  // every stream: rows show up while the next measurement runs
    }

    /// The whole table as Markdown, for README.
    func markdown() -> String {
        var out = "| # | measure | gridwatch | peer | peer ÷ gridwatch | target | |\n|---|---|---|---|---:|---|---|\n"
        for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
        return out
    }
}
