import Foundation
import XCTest

/// Every committed fuzz seed and past finding, replayed through the harnesses (which
/// check their invariants) in the ordinary build: fuzz findings stay fixed.
final class FuzzCorpusTests: XCTestCase {
    func testTheCommittedCorpusReplaysCleanly() throws {
        let replayer = Binary.url.deletingLastPathComponent().appendingPathComponent("gridwatch-fuzz").path
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/corpus").path
        for target in ["record", "envelope", "intake", "theme", "config", "sanitize", "snapshot"] {
            let r = try Binary.shell("\"\(replayer)\" \(target) \"\(corpus)/\(target)\"")
            XCTAssertEqual(r.status, 0, "\(target): \(r.err)")
            XCTAssertTrue(r.out.hasPrefix("\(target): "), r.out)
            XCTAssertFalse(r.out.hasPrefix("\(target): 0 inputs"), "the corpus for \(target) is not empty")
        }
    }
}
