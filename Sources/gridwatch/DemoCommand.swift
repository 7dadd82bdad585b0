import ArgumentParser
import Config
import DalianSample
import Dashboard
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `gridwatch demo`: the Dalian sample with a simulator, in the console.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a demo store with the Dalian hierarchy and a simulator.",
        discussion: """
        Without --store, a fresh store is made under the data directory \
        (${XDG_DATA_HOME:-~/.local/share}/gridwatch/demo-TIME). With --store, an existing \
        store is reused and a missing one is created; --store memory: keeps it in memory only.
        """
    )

    @Option(help: ArgumentHelp("The store directory, or memory: for one that is not kept.", valueName: "PATH")) var store: String?
    @Option(help: "Alerts raised per minute.") var rate: Double = 20
    @Option(help: "Seed for the simulator (the same seed replays the same demo).") var seed: UInt64?
    @Option(help: ArgumentHelp("Time limits, cards and warning thresholds (TOML), as for the console.", valueName: "PATH"))
    var config: String?
    @OptionGroup var console: ConsoleOptions
    @OptionGroup var accessOptions: AccessOptions

    func run() throws {
        try runReporting {
            guard rate >= 0, rate <= 6000 else { throw CLIError("--rate must be between 0 and 6000 alerts a minute", code: 64) }
            let lang = try console.language()
            let theme = try loadTheme(console.theme)
            let policy: Policy, settings: ConsoleSettings
            do { (policy, settings) = try ConfigFile.loadAll(config) } catch let e as ConfigError { throw CLIError(e.description) }
            let location: StoreLocation
            do throws(StoreError) { location = try store.map { a throws(StoreError) in try StoreLocation(argument: a) } ?? .directory(defaultDemoDirectory()) } catch {
                throw CLIError(error)
            }
            let fresh = !location.exists
            let me = try demoPrincipal(location, fresh: fresh)
            let options = StoreLocation.Options(policy: policy, snapshotEvery: SnapshotSetting.every(), access: AccessCheck(me))
            let officer: any CaseStore
            do {
                officer = fresh
                    ? try location.create(actor: me.actor, commands: try DalianSample.commands(), options, createParents: store == nil)
                    : try location.open(actor: me.actor, options)
            } catch let e as StoreError { throw CLIError(e) }
            // The simulator writes through a handle of its own, so its events are its own.
            let sim: any CaseStore
            do throws(StoreError) { sim = try location.open(actor: DemoSimulator.actor(for: me), options) } catch { throw CLIError(error) }
            let simulator = DemoSimulator(store: sim, seed: seed ?? UInt64.random(in: 1...UInt64.max), rate: rate)
            if fresh { simulator.seedBacklog(count: 40) }
            _ = try? officer.refresh()
            ConsoleLauncher.run(store: officer, lang: lang, theme: theme, themeName: console.theme, settings: settings,
                                onSecond: { simulator.tick() })
            simulator.close()
        }
    }

    /// Who runs the demo. On a store the demo makes (or one in memory), its owner may do
    /// everything there: it is theirs alone. On an existing store the access policy
    /// applies, and the demo's simulator needs a lead's grant over the whole store.
    private func demoPrincipal(_ location: StoreLocation, fresh: Bool) throws -> Principal {
        if case .memory = location { return ownPrincipal() }
        if fresh { return ownPrincipal() }
        return try accessOptions.requireWhole(.lead, for: "the demo on an existing store", at: location)
    }

    private func ownPrincipal() -> Principal {
        let me = Identity.current()
        return Principal(name: me.name, uid: me.uid, grants: [Grant(role: .lead, unit: "*"), Grant(role: .admin, unit: "*")])
    }

    private func defaultDemoDirectory() -> String {
        let base = (StorePaths.defaultDirectory(environment: Installation.processEnvironment.filter { $0.key != "GRIDWATCH_STORE" }))
        let stamp = ISOTime.format(SystemClock().now()).prefix(19).replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        return (base as NSString).appendingPathComponent("demo-\(stamp)-\(getpid())")
    }
}
