import Foundation
import XCTest

/// The benchmark program still runs end to end (figures are not checked: on a shared
/// machine they are noise, and README quotes a real run). Tiny sizes, no timings asserted.
final class BenchSmokeTests: XCTestCase {
    func testTheBenchmarkRunsAtASmallScaleAndPrintsEveryItem() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            throw XCTSkip("sqlite3 is not installed (.ci/run installs it)")
        }
        let bench = Binary.url.deletingLastPathComponent().appendingPathComponent("gridwatch-bench").path
        // Item 7 (PostgreSQL) when a server is configured, as under .ci/run.
        let items = ["1", "2", "3", "4", "6", "8", "9"] + (ProcessInfo.processInfo.environment["PGPORT"] == nil ? [] : ["7"])
        let r = try Binary.shell("\"\(bench)\" --scale 0.01 --runs 2 --only \(items.joined(separator: ",")) --markdown")
        XCTAssertEqual(r.status, 0, r.err)
        for item in items {
            XCTAssertTrue(r.out.contains("\n\(item) | "), "item \(item) missing:\n\(r.out)")
        }
        XCTAssertTrue(r.out.contains("| # | measure | gridwatch | peer |"), r.out)
    }
}
