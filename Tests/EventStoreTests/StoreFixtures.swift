import DispatchCore
import EventLog
import EventStore
import Foundation
import XCTest

/// A store in a fresh temporary directory with a small hierarchy.
class StoreTestCase: XCTestCase {
    var root = ""
    var paths: StorePaths { StorePaths(directory: root + "/store") }
    let clock = ManualClock(Instant(ms: 1_800_000_000_000))
    /// Early warnings off, so each alert is exactly one record and counts stay simple.
    let quiet = StoreTestCase.quietPolicy
    static let quietPolicy = Policy(limits: .defaults, cards: .defaults,
                                    warnings: WarningThresholds(repeatCount: 1000, repeatWindow: .days(30), hotspotCount: 1000,
                                                                hotspotWindow: .hours(24), crowdPeople: 1_000_000))

    static let units: [Command] = [
        .registerUnit(Unit(code: "210200", name: "大连市", tier: .city, parent: nil)),
        .registerUnit(Unit(code: "210203", name: "西岗区", tier: .county, parent: "210200")),
        .registerUnit(Unit(code: "210203004", name: "日新街道", tier: .town, parent: "210203")),
        .registerUnit(Unit(code: "210203004001", name: "民乐社区", tier: .village, parent: "210203004")),
        .registerUnit(Unit(code: "210203004001001", name: "第一网格", tier: .grid, parent: "210203004001")),
        .registerAgency(Agency(id: "housing", name: "住建", nameEn: "Housing", kind: .rotating)),
    ]

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "gw-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func makeStore() throws -> FileStore {
        try FileStore.create(paths: paths, actor: "tester@host", commands: Self.units, clock: clock, policy: quiet)
    }

    func alert(_ title: String = "物业费纠纷") -> Command {
        .report(NewCase(category: .disputeProperty, level: .red, location: "210203004001001", title: title))
    }

    func logBytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: paths.log))) }
}
