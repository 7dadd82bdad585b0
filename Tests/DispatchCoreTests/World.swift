import DispatchCore
import XCTest

/// A small hierarchy for domain tests: one unit per tier, a sibling village, agencies.
enum World {
    static let t0 = Instant(ms: 1_800_000_000_000)
    static let city = "210200", county = "210203", town = "210203004", village = "210203004001"
    static let grid = "210203004001001", village2 = "210203004002"

    static var registrations: [EventBody] {
        [
            .unitRegistered(Unit(code: city, name: "大连市", tier: .city, parent: nil)),
            .unitRegistered(Unit(code: county, name: "西岗区", tier: .county, parent: city)),
            .unitRegistered(Unit(code: town, name: "日新街道", tier: .town, parent: county)),
            .unitRegistered(Unit(code: village, name: "民乐社区", tier: .village, parent: town)),
            .unitRegistered(Unit(code: grid, name: "第一网格", tier: .grid, parent: village)),
            .unitRegistered(Unit(code: village2, name: "春柳社区", tier: .village, parent: town)),
            .agencyRegistered(Agency(id: "housing", name: "住建", nameEn: "Housing", kind: .rotating)),
            .agencyRegistered(Agency(id: "police", name: "公安", nameEn: "Police", kind: .resident)),
        ]
    }

    /// A model given these events (registrations first), at `t0`.
    static func given(_ bodies: [EventBody] = [], at: Instant = t0) -> Model {
        var m = Model(now: at)
        for b in registrations + bodies { m.apply(Event(at: at, actor: "test", body: b)) }
        return m
    }

    static func alert(_ level: RiskLevel = .red, at location: String = grid, title: String = "物业费纠纷",
                      reporter: String = "", externalId: String = "", reportedAt: Instant? = nil) -> NewCase {
        NewCase(category: .disputeProperty, level: level, source: .patrol, location: location, title: title,
                reporter: reporter, externalId: externalId, reportedAt: reportedAt)
    }
}

extension Model {
    /// Decides and applies a command; returns the events. Fails the test on refusal.
    @discardableResult
    mutating func run(_ c: Command, at t: Instant = World.t0, file: StaticString = #filePath, line: UInt = #line) -> [EventBody] {
        do {
            let bodies = try decide(c, now: t)
            for b in bodies { apply(Event(at: t, actor: "test", body: b)) }
            return bodies
        } catch {
            XCTFail("refused: \(error)", file: file, line: line)
            return []
        }
    }

    /// Runs a case action on `n`.
    @discardableResult
    mutating func act(_ a: CaseAction, _ n: String, at t: Instant = World.t0, file: StaticString = #filePath, line: UInt = #line) -> [EventBody] {
        run(.act(a, on: n, expectedVersion: nil), at: t, file: file, line: line)
    }

    /// The error a command is refused with, or nil if it is allowed.
    func refusal(_ c: Command, at t: Instant = World.t0) -> DomainError? {
        do { _ = try decide(c, now: t); return nil } catch { return error }
    }
}
