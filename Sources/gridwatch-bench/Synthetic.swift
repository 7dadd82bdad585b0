import DispatchCore
import Foundation

/// Synthetic but plausible data from a seed: a five-tier hierarchy, alerts as intake
/// JSON Lines, and case histories driven through the real domain.
struct Synthetic {
    var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    /// A city with 10 counties, 10 towns each, 10 villages each, and grids filling up to `total` units.
    static func units(total: Int) -> [DispatchCore.Unit] {
        var out = [DispatchCore.Unit(code: "210200", name: "大连市", tier: .city, parent: nil)]
        var villages: [String] = []
        for c in 1...10 {
            let county = "2102" + pad(c, 2)
            out.append(DispatchCore.Unit(code: county, name: "第\(c)区", tier: .county, parent: "210200"))
            for t in 1...10 {
                let town = county + pad(t, 3)
                out.append(DispatchCore.Unit(code: town, name: "第\(t)街道", tier: .town, parent: county))
                for v in 1...10 {
                    let village = town + pad(v, 3)
                    out.append(DispatchCore.Unit(code: village, name: "第\(v)社区", tier: .village, parent: town))
                    villages.append(village)
                }
            }
        }
        var g = 0
        while out.count < total {
            let village = villages[g % villages.count]
            let n = g / villages.count + 1
            out.append(DispatchCore.Unit(code: village + pad(n, 3), name: "第\(n)网格", tier: .grid, parent: village))
            g += 1
        }
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static let titles = ["物业费纠纷", "邻里噪音扰民", "拖欠农民工工资", "违章搭建", "楼道堆物消防隐患", "婚姻家庭矛盾",
                         "土地承包纠纷", "小区停车位争议", "餐饮油烟扰民", "群租房安全隐患"]

    mutating func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }

    /// One alert a department platform might send, at a grid unit, in one of `categories`.
    mutating func newCase(grids: [String], at: Instant?, externalId: String, categories: [Category] = Category.allCases) -> NewCase {
        let levels: [RiskLevel] = [.blue, .blue, .blue, .yellow, .yellow, .orange, .red]
        return NewCase(category: pick(categories), level: pick(levels), source: pick(Source.allCases.map { $0 }),
                       location: pick(grids), title: pick(Synthetic.titles), detail: "住户反映情况，请核实处置。",
                       reporter: "网格员\(rng.next() % 200_000)", people: Int(rng.next() % 6), externalId: externalId,
                       reportedAt: at)
    }

    /// The same alert as an intake JSON line.
    static func jsonLine(_ n: NewCase) -> String {
        var s = "{\"unit\":\"\(n.location)\",\"category\":\"\(n.category.rawValue)\",\"level\":\"\(n.level.rawValue)\","
        s += "\"source\":\"\(n.source.rawValue)\",\"title\":\"\(n.title)\",\"detail\":\"\(n.detail)\","
        s += "\"reporter\":\"\(n.reporter)\",\"people\":\(n.people),\"external_id\":\"\(n.externalId)\""
        if let at = n.reportedAt { s += ",\"reported_at\":\"\(at.iso8601)\"" }
        return s + "}"
    }

    /// The next command of a busy centre: about one new case in three events, the rest
    /// moving earlier cases along their lifecycle (accept, dispatch, sign, resolve,
    /// close, visit), so stores hold a realistic mix of open and finished cases.
    mutating func nextCommand(grids: [String], inFlight: inout [(number: String, stage: Int, last: Int)], nextOrdinal: inout Int) -> Command {
        if inFlight.isEmpty || rng.next() % 100 < 30 {
            let number = CaseRecord.number(forOrdinal: nextOrdinal)
            nextOrdinal += 1
            inFlight.append((number, 0, Int(rng.next() % 7)))
            return .report(newCase(grids: grids, at: nil, externalId: ""))
        }
        let i = Int(rng.next() % UInt64(inFlight.count))
        let (number, stage, last) = inFlight[i]
        let action: CaseAction
        switch stage {
        case 0: action = .accept(note: "")
        case 1: action = .dispatch(lead: .agency("housing"), assisting: [], dueAt: nil, note: "")
        case 2: action = .sign(note: "")
        case 3: action = .resolve(note: "已处置")
        case 4: action = .close(note: "")
        default: action = .visit(outcome: .satisfied, note: "")
        }
        if stage + 1 > last { inFlight.swapAt(i, inFlight.count - 1); inFlight.removeLast() } else { inFlight[i].stage += 1 }
        return .act(action, on: number, expectedVersion: nil)
    }
}
