import Dashboard
import DispatchCore
import Foundation
import TerminalUI

/// 4. Applying one event and drawing one frame (state → buffer → diff) at 200x60,
/// on a large model and on a small one side by side: if the two cost the same,
/// the cost does not grow with the store.
struct FrameBench {
    let seed: UInt64
    let report: Report

    /// A model with `unitCount` units and `openCases` reported (open) cases.
    func model(unitCount: Int, openCases: Int) -> (Model, [String]) {
        let units = Synthetic.units(total: unitCount)
        var m = Model(policy: .defaults, now: SystemClock().now())
        for u in units { m.apply(Event(at: m.now, actor: "bench", body: .unitRegistered(u))) }
        let grids = units.filter { $0.tier == .grid }.map(\.code)
        var synth = Synthetic(seed: seed)
        // Open cases reported over the last 30 days, as a real backlog builds up: the
        // wall's "today" strip counts today's cases, about a thirtieth of them.
        let month = Int64(30 * 86_400_000)
        for _ in 0..<openCases {
            let at = Instant(ms: m.now.ms - Int64(synth.rng.next() % UInt64(month)))
            report(&m, synth.newCase(grids: grids, at: at, externalId: ""))
        }
        return (m, grids)
    }

    @discardableResult
    func report(_ m: inout Model, _ n: NewCase) -> [Event] {
        guard let bodies = try? m.decide(.report(n), now: m.now) else { return [] }
        let events = bodies.map { Event(at: m.now, actor: "bench", body: $0) }
        for e in events { m.apply(e) }
        return events
    }

    /// One side of item 4: a model with its console and wall, set up as the runtimes
    /// set them up (the wall with its trends and today's tally, kept as events arrive).
    final class Side {
        var m: Model
        let grids: [String]
        var synth: Synthetic
        var state: ConsoleState
        var wall: WallState
        var shown: Buffer, wallShown: Buffer
        let rows = ConsoleView.paneRows(width: 200, height: 60)
        var apply: [Double] = [], console: [Double] = [], walls: [Double] = []
        /// Decide + apply of the rounds whose alert raised no early warning.
        var plainApply: [Double] = []
        var changed = 0

        init(_ model: Model, grids: [String], seed: UInt64) {
            m = model
            self.grids = grids
            synth = Synthetic(seed: seed &+ 1)
            state = ConsoleState(model: m, lang: .zh, themeName: "default", operatorName: "bench", now: m.now, utcOffsetSeconds: 28_800)
            wall = WallState(scope: state.scope, lang: .zh, now: m.now, utcOffsetSeconds: 28_800)
            wall.startFollowing(m, now: m.now)
            ConsoleUpdate.sync(&state, model: m, visibleRows: rows)
            shown = ConsoleView.render(state, model: m, width: 200, height: 60)
            wallShown = WallView.render(wall, model: m, width: 200, height: 60)
        }

        /// One round: a new alert decided and applied, then a console frame and a wall frame.
        func step(_ bench: FrameBench) {
            let n = synth.newCase(grids: grids, at: nil, externalId: "")
            var t = monotonic()
            let events = bench.report(&m, n)
            let took = monotonic() - t
            apply.append(took)
            if !events.contains(where: { $0.body.type == .warningRaised }) { plainApply.append(took) }
            t = monotonic()
            ConsoleUpdate.sync(&state, model: m, visibleRows: rows)
            let next = ConsoleView.render(state, model: m, width: 200, height: 60)
            let runs = next.diff(from: shown)
            console.append(monotonic() - t)
            shown = next
            t = monotonic()
            wall.follow(events, model: m)
            let w = WallView.render(wall, model: m, width: 200, height: 60)
            let wallRuns = w.diff(from: wallShown)
            walls.append(monotonic() - t)
            wallShown = w
            changed += runs.reduce(0) { $0 + $1.cells.count } + wallRuns.reduce(0) { $0 + $1.cells.count }
        }
    }

    /// `frames` rounds on a large model and a small one, taken in turn, so that what the
    /// shared machine does meanwhile falls on both sides alike.
    func measure(big: (units: Int, open: Int), small: (units: Int, open: Int), frames: Int) -> (big: Side, small: Side) {
        let (bm, bg) = model(unitCount: big.units, openCases: big.open)
        let (sm, sg) = model(unitCount: small.units, openCases: small.open)
        // Consumed: a copy left here made the first round's apply copy the whole model.
        let b = Side(consume bm, grids: bg, seed: seed), s = Side(consume sm, grids: sg, seed: seed)
        for _ in 0..<frames {
            b.step(self)
            s.step(self)
        }
        for (side, open) in [(b, big.open), (s, small.open)] {
            report.note("    \(open) open cases: \(side.changed / max(frames, 1)) cells changed per alert (console + wall)")
        }
        return (b, s)
    }

    /// Decide + apply of one more report at a place that already holds `earlier`
    /// reports of its category (the same early-warning keys), `rounds` times.
    func sameKey(earlier: Int, rounds: Int) -> [Double] {
        var (m, grids) = model(unitCount: 2000, openCases: 0)
        var synth = Synthetic(seed: seed)
        // Spread over the last 30 days, oldest first, as they would have arrived.
        let place = grids[0], month = Int64(30 * 86_400_000)
        for i in 0..<earlier {
            let at = Instant(ms: m.now.ms - month + month * Int64(i) / Int64(max(earlier, 1)))
            report(&m, synth.newCase(grids: [place], at: at, externalId: "", categories: [.disputeProperty]))
        }
        var out: [Double] = []
        for _ in 0..<rounds {
            let n = synth.newCase(grids: [place], at: nil, externalId: "", categories: [.disputeProperty])
            let t = monotonic()
            report(&m, n)
            out.append(monotonic() - t)
        }
        return out
    }

    func run(frames: Int, unitCount: Int, openCases: Int) {
        let few = sameKey(earlier: 100, rounds: frames), many = sameKey(earlier: max(1000, openCases), rounds: frames)
        report.row("4", "decide + apply one alert at a place with \(max(1000, openCases) / 1000)k earlier reports of its kind, p50 / p99",
                   "\(ms(percentile(many, 50))) / \(ms(percentile(many, 99)))",
                   "100 earlier: \(ms(percentile(few, 50))) / \(ms(percentile(few, 99)))",
                   ratio: percentile(few, 99) / percentile(many, 99), target: "flat (≥ 0.77)", met: percentile(few, 99) / percentile(many, 99) >= 0.77)
        let (big, small) = measure(big: (unitCount, openCases), small: (2000, 1000), frames: frames)
        let size = "\(unitCount / 1000)k units, \(openCases / 1000)k open"
        func pair(_ xs: [Double]) -> String { "\(ms(percentile(xs, 50))) / \(ms(percentile(xs, 99)))" }
        report.row("4", "console frame 200x60, \(size), p50 / p99", pair(big.console), "2k units, 1k open: \(pair(small.console))",
                   ratio: percentile(small.console, 99) / percentile(big.console, 99), target: "p99 < 4 ms",
                   met: percentile(big.console, 99) < 0.004)
        report.row("4", "wall frame 200x60, \(size), p50 / p99", pair(big.walls), "2k units, 1k open: \(pair(small.walls))",
                   ratio: percentile(small.walls, 99) / percentile(big.walls, 99), target: "flat (≥ 0.77)",
                   met: percentile(small.walls, 99) / percentile(big.walls, 99) >= 0.77)
        report.row("4", "decide + apply one alert, \(size), p50 / p99", pair(big.apply), "2k units, 1k open: \(pair(small.apply))",
                   ratio: percentile(small.apply, 99) / percentile(big.apply, 99), target: "flat (≥ 0.77)",
                   met: percentile(small.apply, 99) / percentile(big.apply, 99) >= 0.77)
        // The busier model's grid cells hold more reports in the warning window, so more
        // of its alerts raise an early warning, which lists the earlier cases: like for like,
        // the rounds that raised none.
        report.row("4", "decide + apply one alert that raised no warning, \(size), p50 / p99", pair(big.plainApply),
                   "2k units, 1k open: \(pair(small.plainApply))",
                   ratio: percentile(small.plainApply, 99) / percentile(big.plainApply, 99), target: "flat (≥ 0.77)",
                   met: percentile(small.plainApply, 99) / percentile(big.plainApply, 99) >= 0.77)
        report.note("    rounds whose alert raised an early warning: \(frames - big.plainApply.count) of \(frames) (\(openCases / 1000)k open), "
                    + "\(frames - small.plainApply.count) of \(frames) (1k open)")
    }
}
