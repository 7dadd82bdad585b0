import Config
import DispatchCore
import EventStore
import Foundation
import GridwatchRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Who runs this process, as the kernel says: the real user id and its account.
/// Nothing in the environment names anyone.
enum Identity {
    /// The account name and uid of the real user, and the names of its groups.
    static func current() -> (name: String, uid: UInt32, groups: Set<String>) {
        let uid = getuid()
        guard let pw = getpwuid(uid), let namePtr = pw.pointee.pw_name else { return ("uid\(uid)", uid, []) }
        let name = String(cString: namePtr)
        return (name, uid, groups(of: name, primary: pw.pointee.pw_gid))
    }

    /// The names of the groups `name` belongs to, from the group database.
    private static func groups(of name: String, primary: gid_t) -> Set<String> {
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &ids, &count) < 0 {
            ids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, primary, &ids, &count)
        }
        var out = Set<String>()
        for id in ids.prefix(Int(max(count, 0))) {
            if let g = getgrgid(id), let n = g.pointee.gr_name { out.insert(String(cString: n)) }
        }
        return out
    }
}

/// How the binary runs: installed setgid to the group that owns the store, or as a
/// user's own program. Installed, it trusts nothing the caller's environment says about
/// where the policy, the store or the time limits are.
enum Installation {
    /// Whether the process runs with an effective group other than the caller's (setgid).
    static var isSetgid: Bool { getegid() != getgid() }

    /// Where an installed gridwatch keeps its store when `--store` is not given.
    static let systemStore = "/var/lib/gridwatch"
    /// Where an installed gridwatch reads its time limits when `--config` is not given.
    static let systemConfig = "/etc/gridwatch/config.toml"
    /// The database password file of an installed gridwatch (readable by its group only).
    static let systemPassFile = "/etc/gridwatch/pgpass"

    /// The process's environment, read once: Foundation builds the whole dictionary on
    /// each read, and a `raise` asked for it a handful of times.
    static let processEnvironment = ProcessInfo.processInfo.environment

    /// The environment to use: as given, or, when setgid, only what describes the
    /// terminal and the locale, with the database password file pinned.
    static func environment(_ env: [String: String] = Installation.processEnvironment) -> [String: String] {
        guard isSetgid else { return env }
        var safe = env.filter { key, _ in
            ["TERM", "LANG", "COLUMNS", "LINES", "NO_COLOR", "COLORTERM", "HOME", "USER", "LOGNAME", "TZ"].contains(key)
                || key.hasPrefix("LC_") || ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE"].contains(key)
        }
        safe["PGPASSFILE"] = systemPassFile
        return safe
    }

    /// Makes what the process creates readable and writable by its group, never others.
    static func setUmask() { umask(0o007) }

    /// The store a `--store` argument names, with the default applied: the system
    /// store when installed, else `$GRIDWATCH_STORE` or the data directory.
    static func location(_ argument: String?) throws -> StoreLocation {
        do throws(StoreError) {
            return try StoreLocation(argument: argument ?? (isSetgid ? systemStore : nil), environment: environment())
        } catch { throw CLIError(error) }
    }

    /// The access policy: `--access`, else (not setgid) `$GRIDWATCH_ACCESS`, else the
    /// system file.
    static func policyPath(_ option: String?) -> String {
        if let option { return option }
        if !isSetgid, let p = Installation.processEnvironment["GRIDWATCH_ACCESS"], !p.isEmpty { return p }
        return AccessPolicyFile.defaultPath
    }

    /// Refuses, when setgid, a time-limits file the caller could have written.
    static func checkConfig(_ path: String) throws {
        guard isSetgid else { return }
        do { try AccessPolicyFile.checkWriters(path, installed: true, what: "config file") } catch {
            throw CLIError("access denied: \(error.description)", code: 77)
        }
    }
}
