import ArgumentParser
import Config
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `--store PATH`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a directory, postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass), or memory:.", valueName: "STORE"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Time limits, cards and warning thresholds (TOML). Default: ${XDG_CONFIG_HOME:-~/.config}/gridwatch/config.toml if it exists.", valueName: "PATH"))
    var config: String?

    /// The policy from the config file, or the defaults.
    func policy() throws -> Policy {
        do { return try ConfigFile.load(config) } catch { throw CLIError(error.description) }
    }

    /// Where the store is, with the default applied.
    func location() throws -> StoreLocation {
        do { return try StoreLocation(argument: store) } catch { throw CLIError(error) }
    }

    /// Whether the default location is in use (its parent directories may be created).
    var isDefault: Bool { store == nil }

    /// The file store's paths, for commands that read the log file itself.
    func filePaths(_ command: String) throws -> StorePaths {
        let l = try location()
        guard let p = l.paths else { throw CLIError("\(command) works on a file store; \(l) is not one", code: 64) }
        return p
    }

    /// How to open the store: the policy from the config file, the snapshot threshold.
    func openOptions(scope: LoadScope = .all) throws -> StoreLocation.Options {
        StoreLocation.Options(policy: try policy(), scope: scope, snapshotEvery: SnapshotSetting.every())
    }

    /// Opens the store for writing, as the person running the command.
    func openForWriting(scope: LoadScope = .all) throws -> any CaseStore {
        let o = try openOptions(scope: scope)
        let l = try location()
        do { return try l.open(actor: Actor.current(), o) } catch { throw CLIError(error) }
    }

    /// Opens the store read-only.
    func openForReading() throws -> any CaseFeed {
        let o = try openOptions()
        let l = try location()
        do { return try l.openFeed(o) } catch { throw CLIError(error) }
    }
}

/// Who is recorded as the actor: `$GRIDWATCH_ACTOR`, else `$USER@host`.
enum Actor {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let a = environment["GRIDWATCH_ACTOR"], !a.isEmpty { return String(a.prefix(64)) }
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }
}

/// Parses a time argument: ISO 8601, a local `YYYY-MM-DD HH:MM`, or relative (`+2h`, `-7d`).
enum TimeArgument {
    static func parse(_ s: String, now: Instant) throws -> Instant {
        let offset = TimeZone.current.secondsFromGMT()
        guard let t = TimeInput.parse(s, now: now, utcOffsetSeconds: offset) else {
            throw CLIError("'\(s.prefix(40))' is not a time (use ISO 8601 such as 2026-11-27T18:00:00+08:00, 2026-11-27 18:00, or relative such as +2h or -7d)")
        }
        return t
    }
}

/// `$GRIDWATCH_SNAPSHOT_EVERY`: how many new events make a writer refresh the snapshot.
enum SnapshotSetting {
    /// The threshold the environment sets, when it names a positive count.
    static func every(environment: [String: String] = ProcessInfo.processInfo.environment) -> UInt64? {
        environment["GRIDWATCH_SNAPSHOT_EVERY"].flatMap(UInt64.init).flatMap { $0 > 0 ? $0 : nil }
    }
}
