import DispatchCore
import Foundation
import SwiftCSV

/// A CSV file with a fixed header, read whole: its rows as (line number, fields).
enum CSVFile {
    static let maxBytes = 64 * 1024 * 1024

    static func rows(path: String, header want: [String], what: String) throws -> [(line: Int, fields: [String: String])] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(what) file \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        guard data.count <= maxBytes else { throw CLIError("\(what) file \(path) is larger than 64 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(what) file \(path) is not valid UTF-8") }
        return try parse(text, name: path, header: want)
    }

    static func parse(_ text: String, name: String, header want: [String]) throws -> [(line: Int, fields: [String: String])] {
        let csv: CSV<Named>
        do { csv = try CSV<Named>(string: text.replacingOccurrences(of: "\r\n", with: "\n")) } catch {
            throw CLIError("\(name): not valid CSV (\(error))")
        }
        guard csv.header.map({ $0.trimmingCharacters(in: .whitespaces) }) == want else {
            throw CLIError("\(name): the header must be \(want.joined(separator: ",")) (found \(csv.header.joined(separator: ",").prefix(60)))")
        }
        let rows = csv.rows.enumerated().map { i, row in
            (line: i + 2, fields: row.mapValues { $0.trimmingCharacters(in: .whitespaces) })
        }
        guard !rows.isEmpty else { throw CLIError("\(name): no rows") }
        return rows
    }
}

/// Reads a units file: CSV with the header `code,name,tier,parent`.
enum UnitsCSV {
    static func load(path: String) throws -> [DispatchCore.Unit] {
        try units(CSVFile.rows(path: path, header: ["code", "name", "tier", "parent"], what: "units"), name: path)
    }

    static func parse(_ text: String, name: String) throws -> [DispatchCore.Unit] {
        try units(CSVFile.parse(text, name: name, header: ["code", "name", "tier", "parent"]), name: name)
    }

    private static func units(_ rows: [(line: Int, fields: [String: String])], name: String) throws -> [DispatchCore.Unit] {
        try rows.map { line, row in
            let tierText = row["tier"] ?? ""
            guard let tier = Tier.parse(tierText) else {
                throw CLIError("\(name) line \(line): unknown tier '\(tierText.prefix(20))' (use \(Tier.codeList))")
            }
            let parent = row["parent"] ?? ""
            return Unit(code: row["code"] ?? "", name: row["name"] ?? "", tier: tier, parent: parent.isEmpty ? nil : parent)
        }
    }
}

/// Reads an agencies file: CSV with the header `id,zh,en,kind` (kind: centre, resident
/// or rotating: the 5, N and X of a county's 5+N+X).
enum AgenciesCSV {
    static func load(path: String) throws -> [Agency] {
        try CSVFile.rows(path: path, header: ["id", "zh", "en", "kind"], what: "agencies").map { line, row in
            guard let kind = AgencyKinds.parse(row["kind"] ?? "") else {
                throw CLIError("\(path) line \(line): unknown kind '\((row["kind"] ?? "").prefix(20))' (use \(AgencyKinds.codeList))")
            }
            return Agency(id: row["id"] ?? "", name: row["zh"] ?? "", nameEn: row["en"] ?? "", kind: kind)
        }
    }
}

/// Agency kinds as people type them: `centre` (an integrated service centre, the 5),
/// `resident` (the N) and `rotating` (the X).
enum AgencyKinds {
    static let codeList = "centre, resident, rotating"

    static func parse(_ text: String) -> AgencyKind? {
        switch text.lowercased() {
        case "centre", "center", "integrated": .integrated
        case "resident": .resident
        case "rotating": .rotating
        default: nil
        }
    }
}
