import ArgumentParser
import Config
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime

/// `--store PATH`, `--config` and `--access`, shared by every command; and the one
/// place that decides who is acting and opens the store for them.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a directory, postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass), or memory:.", valueName: "STORE"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Time limits, cards and warning thresholds (TOML). Default: ${XDG_CONFIG_HOME:-~/.config}/gridwatch/config.toml if it exists.", valueName: "PATH"))
    var config: String?

    @OptionGroup var accessOptions: AccessOptions

    /// The policy from the config file, or the defaults.
    func policy() throws -> Policy {
        let path = config ?? (Installation.isSetgid ? Installation.systemConfig : nil)
        if let path, FileManager.default.fileExists(atPath: path) { try Installation.checkConfig(path) }
        do { return try ConfigFile.load(path, environment: Installation.environment()) } catch { throw CLIError(error.description) }
    }

    /// Where the store is, with the default applied.
    func location() throws -> StoreLocation {
        let argument = store ?? (Installation.isSetgid ? Installation.systemStore : nil)
        do { return try StoreLocation(argument: argument, environment: Installation.environment()) } catch { throw CLIError(error) }
    }

    /// Whether the default location is in use (its parent directories may be created).
    var isDefault: Bool { store == nil }

    /// The file store's paths, for commands that read the log file itself.
    func filePaths(_ command: String) throws -> StorePaths {
        let l = try location()
        guard let p = l.paths else { throw CLIError("\(command) works on a file store; \(l) is not one", code: 64) }
        return p
    }

    func principal() throws -> Principal { try accessOptions.principal() }

    func require(_ role: Role, for what: String) throws -> Principal { try accessOptions.require(role, for: what) }

    func requireWhole(_ role: Role, for what: String, at location: StoreLocation) throws -> Principal {
        try accessOptions.requireWhole(role, for: what, at: location)
    }

    /// How to open the store: the policy from the config file, the snapshot threshold,
    /// and the access check every command will pass.
    func openOptions(scope: LoadScope = .all, access: AccessCheck? = nil) throws -> StoreLocation.Options {
        StoreLocation.Options(policy: try policy(), scope: scope, snapshotEvery: SnapshotSetting.every(), access: access)
    }

    /// Opens the store for writing as the person running the command, who needs `role`
    /// somewhere; each command is then checked against their grants.
    func openForWriting(_ role: Role, for what: String, scope: LoadScope = .all) throws -> any CaseStore {
        let me = try require(role, for: what)
        let o = try openOptions(scope: scope, access: AccessCheck(me))
        let l = try location()
        do { return try l.open(actor: me.actor, o) } catch { throw CLIError(error) }
    }

    /// Opens the store read-only for someone with a grant (any role may view its scope).
    func openForReading(for what: String) throws -> (feed: any CaseFeed, access: AccessCheck) {
        let me = try require(.viewer, for: what)
        let o = try openOptions()
        let l = try location()
        do { return (try l.openFeed(o), AccessCheck(me)) } catch { throw CLIError(error) }
    }
}

/// `--access PATH`: the access policy, and who the policy says the caller is.
struct AccessOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The access policy (TOML). Default: $GRIDWATCH_ACCESS, else /etc/gridwatch/access.toml.", valueName: "PATH"))
    var access: String?

    /// The person running the command (from the kernel) with the grants the policy gives them.
    func principal() throws -> Principal {
        let me = Identity.current()
        let policy: AccessPolicy
        do { policy = try AccessPolicyFile.load(Installation.policyPath(access), installed: Installation.isSetgid) } catch {
            throw CLIError(error.description, code: 77)
        }
        return Principal(name: me.name, uid: me.uid, grants: policy.grants(user: me.name, groups: me.groups))
    }

    /// The principal, if some grant gives them `role`; otherwise exit 77 naming what is missing.
    func require(_ role: Role, for what: String) throws -> Principal {
        let p = try principal()
        guard p.has(role) else {
            throw CLIError("access denied: \(what) needs the \(role.rawValue) role; \(p.name) (uid \(p.uid)) has \(p.roles == "none" ? "no grant" : p.roles)", code: 77)
        }
        return p
    }

    /// The principal, if some grant gives them `role` over the whole store (`*` or the
    /// root unit, the first one the store registered): for commands that print or
    /// change the stream itself, which cannot be cut to a subtree.
    func requireWhole(_ role: Role, for what: String, at location: StoreLocation) throws -> Principal {
        let p = try require(role, for: what)
        if p.grants.contains(where: { $0.role.includes(role) && $0.unit == "*" }) { return p }
        var root: String?
        if let scan = try? location.scan(), let first = try? scan.next().first, case .unitRegistered(let u) = first.event.body {
            root = u.code
        }
        guard let root, p.grants.contains(where: { $0.role.includes(role) && $0.unit == root }) else {
            throw CLIError("access denied: \(what) covers the whole store and needs the \(role.rawValue) role over its root unit\(root.map { " \($0)" } ?? "") or \"*\"; \(p.name) has \(p.roles)", code: 77)
        }
        return p
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
