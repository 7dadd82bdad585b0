import Foundation
import TestSupport
import XCTest

/// Runs the built `gridwatch` binary as a real process.
enum Binary {
    /// The executable next to the test bundle.
    static var url: URL {
        let bundle = Bundle.main.bundleURL
        for dir in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("gridwatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("gridwatch")
    }

    typealias Result = Subprocess.Result

    /// Runs `gridwatch ARGS` with optional standard input and waits for it.
    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Result {
        TestPolicy.ensure()
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        return try Subprocess.run([url.path] + args, environment: environment, stdin: stdin.map { Data($0.utf8) })
    }

    /// Runs a shell script (for concurrent and killed writers).
    @discardableResult
    static func shell(_ script: String, env: [String: String] = [:]) throws -> Result {
        TestPolicy.ensure()
        var environment = ProcessInfo.processInfo.environment
        environment["GW"] = url.path
        for (k, v) in env { environment[k] = v }
        return try Subprocess.run(["/bin/bash", "-c", script], environment: environment)
    }
}

/// A temporary directory with a store made by `gridwatch init`.
class CLITestCase: XCTestCase {
    var root = ""
    var store: String { root + "/store" }
    var log: String { store + "/events.log" }

    override func setUpWithError() throws {
        TestPolicy.ensure()
        root = NSTemporaryDirectory() + "gw-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    /// One unit of each tier, from the city down to 第一网格.
    static let smallUnits = """
        code,name,tier,parent
        210200,大连市,city,
        210203,西岗区,county,210200
        210203004,日新街道,town,210203
        210203004001,民乐社区,village,210203004
        210203004001001,第一网格,grid,210203004001
        """

    /// A store with a small hierarchy from a units CSV.
    func initSmall() throws {
        let csv = Self.smallUnits
        try csv.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["init", "--store", store, "--units", root + "/units.csv"])
        XCTAssertEqual(r.status, 0, r.err)
    }

    func gw(_ args: String...) throws -> Binary.Result { try Binary.run(args + ["--store", store]) }

    func raise(_ title: String = "物业费纠纷", unit: String = "210203004001001") throws -> Binary.Result {
        try Binary.run(["raise", "--store", store, "--unit", unit, "--category", "dispute.property", "--level", "red", "--title", title])
    }

    func logData() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: log)) }

    /// `events --json` parsed into dictionaries.
    func events() throws -> [[String: Any]] {
        let r = try Binary.run(["events", "--json", "--store", store])
        XCTAssertEqual(r.status, 0, r.err)
        return r.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
