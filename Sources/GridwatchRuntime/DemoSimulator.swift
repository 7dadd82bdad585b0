import DispatchCore
import EventStore

/// Raises alerts at a steady rate and moves cases along the way departments would:
/// dispatched cases get signed, worked and resolved; resolved ones verified; closed
/// ones visited. Reported alerts are mostly left for the duty officer.
///
/// It writes through a store handle of its own, opened with its own actor, so the
/// audit trail tells its events from the officer's.
public final class DemoSimulator {
    private var rng: SplitMix
    /// Alerts per minute.
    public let rate: Double
    private var owed = 0.0
    private var grids: [String] = []
    private let store: any CaseStore
    /// Who the simulator records itself as.
    public static let actor = "simulator@demo"

    /// The simulator's actor when `owner` runs the demo: their account, marked as the
    /// simulator, so that its events are told apart from theirs and still name a person.
    public static func actor(for owner: Principal) -> String {
        ActorName.format(name: owner.name + "/simulator", uid: owner.uid)
    }

    /// A simulator writing through `store` (opened as `DemoSimulator.actor`).
    public init(store: any CaseStore, seed: UInt64, rate: Double) {
        self.store = store
        rng = SplitMix(seed: seed)
        self.rate = rate
    }

    /// A backlog so the screen is not empty: alerts from the last hours, some moved along.
    public func seedBacklog(count: Int) {
        loadPlaces(store.model)
        let now = store.model.now
        // 徐岭镇's story is a repeat petition: the same contractor came twice before.
        var commands: [Command] = [20, 9].map { days in
            .report(NewCase(category: .disputeLand, level: .yellow, source: .walkIn, location: "210283102201",
                            title: "徐岭镇大棚土地承包合同纠纷，农户上访", reporter: "徐岭村承包户王某", people: 12,
                            reportedAt: now.adding(.days(-Int64(days)))))
        }
        commands += DemoScenarios.stories.map { s in
            .report(NewCase(category: s.category, level: s.level, source: s.source, location: s.unit, title: s.title,
                            reporter: s.reporter, people: s.people, reportedAt: now.adding(Duration(ms: -Int64(next(3_600_000))))))
        }
        for _ in 0..<count { commands.append(.report(alert(reportedAt: now.adding(Duration(ms: -Int64(next(6 * 3_600_000))))))) }
        _ = try? store.execute(commands, rejected: { _, _ in })
        for _ in 0..<(count * 2) { step() }
    }

    /// Called about once a second.
    public func tick() {
        _ = try? store.refresh()
        loadPlaces(store.model)
        owed += rate / 60
        while owed >= 1 {
            owed -= 1
            _ = try? store.execute(.report(alert(reportedAt: nil)))
        }
        if next(100) < 60 { step() }
    }

    /// Leaves the store (with a snapshot if one is due).
    public func close() { store.close() }

    private func next(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    private func pick<T>(_ a: [T]) -> T { a[next(a.count)] }

    private func alert(reportedAt: Instant?) -> NewCase {
        let t = pick(DemoScenarios.templates)
        let people = t.category == .disputeLabour ? 5 + next(40) : next(6)
        let title = pick(t.titles).replacingOccurrences(of: "{n}", with: String(people))
        let roll = next(100)
        let level: RiskLevel = roll < 5 ? .red : roll < 20 ? .orange : roll < 60 ? .yellow : .blue
        let source: Source = pick([.patrol, .patrol, .hotline, .walkIn, .platform])
        return NewCase(category: t.category, level: level, source: source, location: grid(), title: title,
                       detail: t.detail, reporter: reporter(), people: people, reportedAt: reportedAt)
    }

    /// `张某（尾号0427）`: a person, told apart by the tail of a phone number.
    private func reporter() -> String {
        let tail = String(1000 + next(9000))
        return pick(DemoScenarios.surnames) + "某（尾号" + tail + "）"
    }

    private func loadPlaces(_ m: Model) {
        if grids.isEmpty { grids = m.units.filter { $0.tier == .grid }.map(\.code) }
    }

    private func grid() -> String { grids.isEmpty ? "210203004001001" : pick(grids) }

    /// Moves one random case one step along the loop.
    private func step() {
        let m = store.model
        guard !m.cases.isEmpty else { return }
        let c = m.cases[next(m.cases.count)]
        let action: CaseAction?
        switch c.state {
        case .reported where next(100) < 30: action = .accept(note: "")
        case .accepted, .reopened:
            let agency = DemoScenarios.templates.first { $0.category == c.category }?.agency ?? "mediation"
            action = .dispatch(lead: .agency(agency), assisting: next(3) == 0 ? [.centre(c.owner)] : [], dueAt: nil, note: "")
        case .dispatched: action = .sign(note: "")
        case .inProgress: action = .resolve(note: pick(["调解成功", "已整改", "双方达成协议", "已落实帮扶"]))
        case .resolved: action = .close(note: "")
        case .closed: action = .visit(outcome: next(100) < 12 ? .unsatisfied : next(3) == 0 ? .basic : .satisfied, note: "")
        default: action = nil
        }
        guard let action else { return }
        _ = try? store.execute(.act(action, on: c.number, expectedVersion: c.version))
    }
}
