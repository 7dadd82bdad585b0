import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
import TerminalUI
import XCTest

/// A small city on an in-memory store, a manual clock and a test terminal: the
/// runtime's loops driven by hand, with no terminal and no sleeping.
enum RuntimeFixture {
    static let t0 = Instant(ms: 1_800_000_000_000)  // a multiple of 20 s

    static let units: [Command] = [
        .registerUnit(Unit(code: "210200", name: "大连市", tier: .city, parent: nil)),
        .registerUnit(Unit(code: "210203", name: "西岗区", tier: .county, parent: "210200")),
        .registerUnit(Unit(code: "210283", name: "庄河市", tier: .county, parent: "210200")),
        .registerUnit(Unit(code: "210203004", name: "日新街道", tier: .town, parent: "210203")),
        .registerUnit(Unit(code: "210203004001", name: "民乐社区", tier: .village, parent: "210203004")),
        .registerUnit(Unit(code: "210203004001001", name: "第一网格", tier: .grid, parent: "210203004001")),
        .registerAgency(Agency(id: "housing", name: "住建", nameEn: "Housing", kind: .rotating)),
    ]

    /// A fresh stream with the city registered, and a writer on it.
    static func store(_ clock: ManualClock, actor: String = "li.ming@centre") throws -> (MemoryStream, MemoryStore) {
        let stream = MemoryStream(name: "runtime-\(UUID().uuidString.prefix(6))")
        let s = try MemoryStore(stream: stream, actor: actor, clock: clock)
        try s.execute(units, rejected: nil)
        return (stream, s)
    }

    static func alert(_ title: String, level: RiskLevel = .yellow, at t: Instant? = nil) -> Command {
        .report(NewCase(category: .disputeProperty, level: level, location: "210203004001001", title: title, reportedAt: t))
    }
}
