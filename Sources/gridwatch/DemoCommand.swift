import ArgumentParser
import Config
import DalianSample
import Dashboard
import DispatchCore
import EventStore
import Foundation

/// `gridwatch demo`: the Dalian sample with a simulator, in the console.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a demo store with the Dalian hierarchy and a simulator.",
        discussion: """
        Without --store, a fresh store is made under the data directory \
        (${XDG_DATA_HOME:-~/.local/share}/gridwatch/demo-TIME). With --store, an existing \
        store is reused and a missing one is created.
        """
    )

    @Option(help: ArgumentHelp("The store directory.", valueName: "PATH")) var store: String?
    @Option(help: "Alerts raised per minute.") var rate: Double = 20
    @Option(help: "Seed for the simulator (the same seed replays the same demo).") var seed: UInt64?
    @Option(help: ArgumentHelp("Time limits, cards and warning thresholds (TOML), as for the console.", valueName: "PATH"))
    var config: String?
    @OptionGroup var console: ConsoleOptions

    func run() throws {
        try runReporting {
            guard rate >= 0, rate <= 6000 else { throw CLIError("--rate must be between 0 and 6000 alerts a minute", code: 64) }
            let lang = try console.language()
            let theme = try loadTheme(console.theme)
            let policy: Policy
            do { policy = try ConfigFile.load(config) } catch let e as ConfigError { throw CLIError(e.description) }
            let paths = StorePaths(directory: store ?? defaultDemoDirectory())
            let simulator = DemoSimulator(seed: seed ?? UInt64.random(in: 1...UInt64.max), rate: rate)
            let fs: FileStore
            if FileManager.default.fileExists(atPath: paths.log) {
                fs = SnapshotSetting.apply(to: try FileStore(paths: paths, actor: Actor.current(), policy: policy))
            } else {
                fs = SnapshotSetting.apply(to: try FileStore.create(paths: paths, actor: Actor.current(), commands: try DalianSample.commands(),
                                                                    policy: policy, createParents: store == nil))
                simulator.seedBacklog(fs, count: 40)
            }
            let app = ConsoleApp(store: fs, lang: lang, theme: theme, themeName: console.theme)
            app.onTick = { simulator.tick($0) }
            try app.run()
        }
    }

    private func defaultDemoDirectory() -> String {
        let base = (StorePaths.defaultDirectory(environment: ProcessInfo.processInfo.environment.filter { $0.key != "GRIDWATCH_STORE" }))
        let stamp = ISOTime.format(SystemClock().now()).prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        return (base as NSString).appendingPathComponent("demo-\(stamp)-\(getpid())")
    }
}
