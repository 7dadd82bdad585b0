import DispatchCore
import EventLog
import Foundation
import TOMLKit
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The access policy: which Unix users and groups hold which role over which unit's
/// subtree. Grants add up.
public struct AccessPolicy: Hashable, Sendable {
    /// One `[[grant]]` table.
    public struct Entry: Hashable, Sendable {
        /// Exactly one of `user` and `group` is set.
        public var user: String?
        public var group: String?
        public var grant: Grant
    }

    public var entries: [Entry]

    /// Every grant that names `user` or one of `groups`.
    public func grants(user: String, groups: Set<String>) -> [Grant] {
        var out: [Grant] = []
        for e in entries where (e.user == user || e.group.map(groups.contains) == true) && !out.contains(e.grant) {
            out.append(e.grant)
        }
        return out
    }
}

/// Reads the access policy file and refuses one that the wrong people could have
/// written: a policy anyone may edit protects nothing.
public enum AccessPolicyFile {
    /// Where an installed gridwatch reads its policy.
    public static let defaultPath = "/etc/gridwatch/access.toml"

    /// Loads the policy at `path`. `installed` (the binary runs setgid): the file and its
    /// directory must be writable by root alone; otherwise by root or their owner alone.
    public static func load(_ path: String, installed: Bool) throws(ConfigError) -> AccessPolicy {
        try checkWriters(path, installed: installed, what: "access policy")
        let dir = PathText.parent(of: path)
        try checkWriters(dir.isEmpty ? "." : dir, installed: installed, what: "directory of the access policy")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("cannot read the access policy \(path)")
        }
        return try parse(text, file: path)
    }

    /// Refuses `path` unless only root (or, when not installed, its owner) can write it.
    public static func checkWriters(_ path: String, installed: Bool, what: String) throws(ConfigError) {
        var st = stat()
        guard stat(path.isEmpty ? "." : path, &st) == 0 else {
            throw ConfigError("no \(what) at \(path): \(String(cString: strerror(errno))) (an administrator writes it; see README, Who may do what)")
        }
        if installed, st.st_uid != 0 {
            throw ConfigError("\(what) \(path) is owned by uid \(st.st_uid), not root: refused (chown root \(path))")
        }
        if st.st_mode & 0o022 != 0 {
            let who = st.st_mode & 0o002 != 0 ? "everyone" : "its group"
            throw ConfigError("\(what) \(path) can be written by \(who): refused (chmod go-w \(path))")
        }
    }

    /// Parses the policy text; a bad line is refused naming the file, line and key.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> AccessPolicy {
        let root = try ConfigFile.table(text, file: file)
        let map = TOMLSourceMap(source: text)
        func fail(_ key: String, _ why: String) -> ConfigError { ConfigError("\(file):\(map.lineOrAncestor(of: key) ?? 1): \(key): \(why)") }
        var entries: [AccessPolicy.Entry] = []
        for key in root.keys {
            guard key == "grant" else { throw fail(key, "unknown section (expected [[grant]])") }
            guard let array = root[key]?.array else { throw fail(key, "expected [[grant]] tables") }
            for (i, item) in array.enumerated() {
                guard let t = item.table else { throw fail("grant", "entry \(i + 1) is not a table") }
                entries.append(try entry(t, number: i + 1, fail: fail))
            }
        }
        return AccessPolicy(entries: entries)
    }

    private static func entry(_ t: TOMLTable, number: Int, fail: (String, String) -> ConfigError) throws(ConfigError) -> AccessPolicy.Entry {
        let name = "grant[\(number)]"
        for k in t.keys where !["user", "group", "role", "unit"].contains(k) {
            throw fail("grant", "\(name): unknown key '\(k.prefix(40))' (expected user or group, role, unit)")
        }
        let user = t["user"]?.string, group = t["group"]?.string
        guard (user == nil) != (group == nil) else { throw fail("grant", "\(name): give exactly one of user and group") }
        guard let roleText = t["role"]?.string, let role = Role(rawValue: roleText) else {
            throw fail("grant", "\(name): role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let unit = t["unit"]?.string, unit == "*" || Unit.isValidCode(unit) else {
            throw fail("grant", "\(name): unit must be a unit code or \"*\" (every unit)")
        }
        for n in [user, group].compactMap({ $0 }) where n.isEmpty || n.utf8.count > 64 || n.contains(where: { $0.isWhitespace || $0 == ":" }) {
            throw fail("grant", "\(name): '\(n.prefix(40))' is not a user or group name")
        }
        return AccessPolicy.Entry(user: user, group: group, grant: Grant(role: role, unit: unit))
    }
}
