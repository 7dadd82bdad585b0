import DispatchCore
import Foundation
import SwiftCSV

/// Reads a units file: CSV with the header `code,name,tier,parent`.
enum UnitsCSV {
    static let maxBytes = 64 * 1024 * 1024

    static func load(path: String) throws -> [DispatchCore.Unit] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read units file \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        guard data.count <= maxBytes else { throw CLIError("units file \(path) is larger than 64 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("units file \(path) is not valid UTF-8") }
        return try parse(text, name: path)
    }

    static func parse(_ text: String, name: String) throws -> [DispatchCore.Unit] {
        let csv: CSV<Named>
        do { csv = try CSV<Named>(string: text.replacingOccurrences(of: "\r\n", with: "\n")) } catch {
            throw CLIError("\(name): not valid CSV (\(error))")
        }
        let want = ["code", "name", "tier", "parent"]
        guard csv.header.map({ $0.trimmingCharacters(in: .whitespaces) }) == want else {
            throw CLIError("\(name): the header must be code,name,tier,parent (found \(csv.header.joined(separator: ",").prefix(60)))")
        }
        var out: [DispatchCore.Unit] = []
        for (i, row) in csv.rows.enumerated() {
            let line = i + 2
            let code = (row["code"] ?? "").trimmingCharacters(in: .whitespaces)
            let tierText = (row["tier"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let tier = Tier.parse(tierText) else {
                throw CLIError("\(name) line \(line): unknown tier '\(tierText.prefix(20))' (use \(Tier.codeList))")
            }
            let parent = (row["parent"] ?? "").trimmingCharacters(in: .whitespaces)
            out.append(Unit(code: code, name: (row["name"] ?? "").trimmingCharacters(in: .whitespaces), tier: tier,
                            parent: parent.isEmpty ? nil : parent))
        }
        guard !out.isEmpty else { throw CLIError("\(name): no units listed") }
        return out
    }
}
