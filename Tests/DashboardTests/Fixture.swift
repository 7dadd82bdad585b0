import Dashboard
import DispatchCore
import Foundation
import TerminalUI
import XCTest

/// A fixed world for console tests: two counties, a few cases in several states, a fixed clock.
enum Fixture {
    static let now = Instant(ms: 1_800_000_000_000)

    static func model() -> Model {
        var m = Model(now: now)
        let units: [DispatchCore.Unit] = [
            Unit(code: "210200", name: "大连市", tier: .city, parent: nil),
            Unit(code: "210203", name: "西岗区", tier: .county, parent: "210200"),
            Unit(code: "210283", name: "庄河市", tier: .county, parent: "210200"),
            Unit(code: "210203004", name: "日新街道", tier: .town, parent: "210203"),
            Unit(code: "210283102", name: "徐岭镇", tier: .town, parent: "210283"),
            Unit(code: "210203004001", name: "民乐社区", tier: .village, parent: "210203004"),
            Unit(code: "210283102201", name: "徐岭村", tier: .village, parent: "210283102"),
            Unit(code: "210203004001001", name: "第一网格", tier: .grid, parent: "210203004001"),
        ]
        var events: [EventBody] = units.map(EventBody.unitRegistered)
        events.append(.agencyRegistered(Agency(id: "housing", name: "住建", nameEn: "Housing and construction", kind: .rotating)))
        events.append(.agencyRegistered(Agency(id: "police", name: "公安", nameEn: "Police", kind: .resident)))
        for e in events { m.apply(Event(at: now, actor: "fixture", body: e)) }
        let alerts: [(String, RiskLevel, Category, String, Int64)] = [
            ("210203004001001", .red, .disputeProperty, "物业费纠纷，业主聚集", 120),
            ("210283102201", .orange, .disputeLand, "大棚土地承包合同纠纷", 90),
            ("210203004001", .yellow, .hazardFire, "楼道堆物堵塞消防通道", 60),
            ("210203004001001", .blue, .disputeNeighbour, "楼上噪音扰民", 30),
            ("210203004001", .yellow, .service, "独居老人需要帮扶", 5),
        ]
        for (unit, level, cat, title, minutesAgo) in alerts {
            let t = now.adding(.minutes(-minutesAgo))
            run(&m, .report(NewCase(category: cat, level: level, location: unit, title: title, reportedAt: t)), at: t)
        }
        run(&m, .act(.accept(note: ""), on: "GW000002", expectedVersion: nil), at: now.adding(.minutes(-80)))
        run(&m, .act(.dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: ""), on: "GW000002", expectedVersion: nil), at: now.adding(.minutes(-80)))
        run(&m, .act(.supervise(level: .yellow, note: ""), on: "GW000002", expectedVersion: nil), at: now.adding(.minutes(-70)))
        for a: CaseAction in [.accept(note: ""), .resolve(note: "已清理"), .close(note: "")] {
            run(&m, .act(a, on: "GW000003", expectedVersion: nil), at: now.adding(.minutes(-50)))
        }
        m.advance(to: now)
        return m
    }

    static func run(_ m: inout Model, _ c: Command, at t: Instant) {
        guard let bodies = try? m.decide(c, now: t) else { XCTFail("fixture command refused: \(c)"); return }
        for b in bodies { m.apply(Event(at: t, actor: "fixture", body: b)) }
    }

    static func state(_ m: Model, lang: Lang = .zh) -> ConsoleState {
        var s = ConsoleState(model: m, lang: lang, themeName: "default", operatorName: "duty@centre", now: now, utcOffsetSeconds: 8 * 3600)
        s.eventCount = UInt64(m.eventCount)
        return s
    }

    /// Feeds keys through `update`, collecting effects.
    static func press(_ keys: [Key], _ s: inout ConsoleState, _ m: Model) -> [Effect] {
        var out: [Effect] = []
        for k in keys { out += ConsoleUpdate.update(&s, .key(k), model: m) }
        return out
    }

    static func type(_ text: String) -> [Key] { text.map { Key.char($0) } }
}
