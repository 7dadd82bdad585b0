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

    /// The policy from the config file, or the defaults. Installed, the caller's own
    /// config directory is not read: only `--config` (which must be root's) or the
    /// system file.
    func policy() throws -> Policy {
        guard let path = try configPath() else { return .defaults }
        do { return try ConfigFile.load(path, environment: Installation.environment()) } catch { throw CLIError(error.description) }
    }

    /// The console's keys and mouse setting, from the same file as the policy.
    func consoleSettings() throws -> ConsoleSettings {
        guard let path = try configPath() else { return ConsoleSettings() }
        do { return try ConfigFile.loadConsole(path, environment: Installation.environment()) } catch { throw CLIError(error.description) }
    }

    /// The config file to read: nil for none (installed, with no system file), `.some(nil)`
    /// for the caller's default file.
    private func configPath() throws -> String?? {
        var path = config
        if path == nil, Installation.isSetgid {
            guard FileManager.default.fileExists(atPath: Installation.systemConfig) else { return nil }
            path = Installation.systemConfig
        }
        if let path, FileManager.default.fileExists(atPath: path) { try Installation.checkConfig(path) }
        return .some(path)
    }

    /// Where the store is, with the default applied.
    func location() throws -> StoreLocation { try Installation.location(store) }

    /// Whether the default location is in use (its parent directories may be created).
    var isDefault: Bool { store == nil }

    /// The file store's paths, for commands that read the log file itself.
    func filePaths(_ command: String) throws -> StorePaths {
        let l = try location()
        guard let p = l.paths else { throw CLIError("\(command) works on a file store; \(l) is not one", code: 64) }
        return p
    }

    func principal() throws -> Principal { try accessOptions.principal() }

    /// The principal, if some grant gives them `role`; otherwise the refusal is recorded
    /// in the store (when it can be opened) and the command exits 77.
    func require(_ role: Role, for what: String) throws -> Principal {
        do { return try accessOptions.require(role, for: what) } catch let e as AccessOptions.Refused {
            throw refused(e)
        }
    }

    func requireWhole(_ role: Role, for what: String, at location: StoreLocation) throws -> Principal {
        do { return try accessOptions.requireWhole(role, for: what, at: location) } catch let e as AccessOptions.Refused {
            throw refused(e)
        }
    }

    /// Records a refusal met before any decision (a missing role, a subtree the person
    /// may not view) and returns the error to exit with. Best effort: a store that cannot
    /// be opened loses only the record, never the refusal.
    func refused(_ e: AccessOptions.Refused) -> CLIError {
        if let l = try? location(), let o = try? openOptions(access: AccessCheck(e.principal)),
           let store = try? l.open(actor: e.principal.actor, o) {
            _ = try? store.execute(.recordDenial(e.denial))
            store.close(snapshotAfter: .max)
        }
        return CLIError("access denied: \(e.denial.reason)", code: 77)
    }

    /// Refuses (recorded, exit 77) a screen or report over a unit `access` may not view.
    func requireView(_ code: String, _ access: AccessCheck, _ m: Model, for what: String) throws {
        guard !access.mayView(code, in: m) else { return }
        let p = access.principal
        throw refused(AccessOptions.Refused(principal: p, denial: AccessDenial(
            name: p.name, uid: p.uid, roles: p.roles, action: what, caseNumber: "",
            reason: "\(code) is outside the units you may view (\(p.roles))")))
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

    /// A refusal met before any decision: who, and the record of it.
    struct Refused: Error {
        var principal: Principal
        var denial: AccessDenial

        init(principal: Principal, denial: AccessDenial) { self.principal = principal; self.denial = denial }

        init(_ p: Principal, _ what: String, _ reason: String) {
            self.init(principal: p, denial: AccessDenial(name: p.name, uid: p.uid, roles: p.roles, action: what, caseNumber: "", reason: reason))
        }
    }

    /// The principal, if some grant gives them `role`; otherwise `Refused`.
    func require(_ role: Role, for what: String) throws -> Principal {
        let p = try principal()
        guard p.has(role) else {
            throw Refused(p, what, "\(what) needs the \(role.rawValue) role; \(p.name) (uid \(p.uid)) has \(p.roles == "none" ? "no grant" : p.roles)")
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
            throw Refused(p, what, "\(what) covers the whole store and needs the \(role.rawValue) role over its root unit\(root.map { " \($0)" } ?? "") or \"*\"; \(p.name) has \(p.roles)")
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

    /// The start of a period looked back on: a time in the future is refused, since the
    /// period would end before it starts.
    static func past(_ s: String, now: Instant, flag: String = "--since") throws -> Instant {
        let t = try parse(s, now: now)
        guard t <= now else { throw CLIError("\(flag) '\(s.prefix(40))' is in the future (use -1h or an earlier time)") }
        return t
    }
}

/// `$GRIDWATCH_SNAPSHOT_EVERY`: how many new events make a writer refresh the snapshot.
enum SnapshotSetting {
    /// The threshold the environment sets, when it names a positive count.
    static func every(environment: [String: String] = Installation.processEnvironment) -> UInt64? {
        environment["GRIDWATCH_SNAPSHOT_EVERY"].flatMap(UInt64.init).flatMap { $0 > 0 ? $0 : nil }
    }
}
