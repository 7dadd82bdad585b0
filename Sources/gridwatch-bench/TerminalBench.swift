import Foundation

/// 5. What the console writes to a real (pseudo-)terminal at 200x60: the first full
/// paint, one idle second, and one new alert raised by another process. The alerts
/// differ from each other (title, level, place) as real ones do: a run of identical
/// alerts would move identical rows, which costs next to nothing.
struct TerminalBench {
    let gridwatch: String
    let report: Report

    func run(store: String, grids: [String]) throws {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"; env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "COLUMNS"); env.removeValue(forKey: "LINES"); env.removeValue(forKey: "NO_COLOR")
        // Cards already due in this historical store would be recorded by the console's
        // first sweep and repaint half the screen; give them first, as a cron sweep would.
        _ = try Processes.run([gridwatch, "sweep", "--store", store])
        let probe = try PtyProbe([gridwatch, "--store", store], width: 200, height: 60, environment: env)
        defer { probe.quit() }
        let paint = probe.drain(quiet: 1.5, limit: 20)
        _ = probe.count(for: 11)  // past the console's first sweep (every 10 s)
        let idleSeconds = 10.0
        let idle = Double(probe.count(for: idleSeconds)) / idleSeconds
        var alerts: [Int] = []
        let raised: [(String, String, String)] = [
            ("dispute.property", "red", "小区物业费纠纷"), ("hazard.fire", "orange", "楼道堆物消防隐患"),
            ("dispute.neighbour", "yellow", "邻里噪音扰民"), ("dispute.labour", "red", "拖欠农民工工资"),
            ("dispute.family", "blue", "婚姻家庭矛盾"),
        ]
        for (i, (category, level, title)) in raised.enumerated() {
            let grid = grids.isEmpty ? "" : grids[(i * 397) % grids.count]
            _ = try Processes.run([gridwatch, "raise", "--store", store, "--unit", grid, "--category", category,
                                   "--level", level, "--title", title])
            let window = 2.0
            alerts.append(max(0, probe.count(for: window) - Int(idle * window)))
        }
        // Idle again, now with five alerts under a minute old on screen.
        let young = Double(probe.count(for: idleSeconds)) / idleSeconds
        let alert = alerts.sorted()[alerts.count / 2]
        report.row("5", "terminal bytes for one new alert, 200x60 (median of 5, idle subtracted)", "\(alert) B",
                   "full repaint \(paint) B", ratio: Double(paint) / Double(max(alert, 1)), target: "< 600 B", met: alert < 600)
        report.row("5", "terminal bytes per idle second, 200x60", String(format: "%.1f B/s", idle), "full repaint \(paint) B",
                   ratio: Double(paint) / max(idle, 0.1), target: "< 50 B/s", met: idle < 50)
        report.row("5", "terminal bytes per idle second, 200x60, five alerts under a minute old", String(format: "%.1f B/s", young),
                   "full repaint \(paint) B", ratio: Double(paint) / max(young, 0.1), target: "< 50 B/s", met: young < 50)
    }
}
