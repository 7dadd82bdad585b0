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

    /// One `[[key]]` table: an HTTP caller, named by the SHA-256 of its secret key.
    public struct Key: Hashable, Sendable {
        /// What a key may do over HTTP.
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            /// Reports into the subtree of `unit` (Open311 `POST requests.json`) and reads what it reported there.
            case intake
            /// Works the orders dispatched to `agency`: signs, returns, resolves, notes.
            case agency
        }

        public var name: String
        /// Lowercase hex of SHA-256 of the key.
        public var sha256: String
        public var kind: Kind
        public var agency: String?
        public var unit: String?
    }

    public var entries: [Entry]
    public var keys: [Key] = []

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
        // Lines are looked up only for a message: every `raise` reads this file, and mapping
        // it costs more than parsing it.
        let map = { TOMLSourceMap(source: text) }
        func fail(_ key: String, _ why: String) -> ConfigError { ConfigError("\(file):\(map().lineOrAncestor(of: key) ?? 1): \(key): \(why)") }
        var policy = AccessPolicy(entries: [])
        for key in root.keys {
            guard key == "grant" || key == "key" else { throw fail(key, "unknown section (expected [[grant]] or [[key]])") }
            guard let array = root[key]?.array else { throw fail(key, "expected [[\(key)]] tables") }
            for (i, item) in array.enumerated() {
                // An entry's mistakes are reported at its own [[header]], not the first one.
                let fail = { (k: String, why: String) -> ConfigError in
                    let m = map()
                    let at = m.line(of: key, occurrence: i + 1) ?? m.lineOrAncestor(of: key) ?? 1
                    return ConfigError("\(file):\(at): \(k): \(why)")
                }
                guard let t = item.table else { throw fail(key, "entry \(i + 1) is not a table") }
                if key == "grant" {
                    policy.entries.append(try entry(t, number: i + 1, fail: fail))
                } else {
                    let k = try apiKey(t, number: i + 1, fail: fail)
                    if policy.keys.contains(where: { $0.name == k.name || $0.sha256 == k.sha256 }) {
                        throw fail("key", "key[\(i + 1)]: its name or its sha256 is already given to another key")
                    }
                    policy.keys.append(k)
                }
            }
        }
        return policy
    }

    private static func apiKey(_ t: TOMLTable, number: Int, fail: (String, String) -> ConfigError) throws(ConfigError) -> AccessPolicy.Key {
        let name = "key[\(number)]"
        for k in t.keys where !["name", "sha256", "role", "agency", "unit"].contains(k) {
            throw fail("key", "\(name): unknown key '\(k.prefix(40))' (expected name, sha256, role, agency, unit)")
        }
        guard let n = t["name"]?.string, !n.isEmpty, n.utf8.count <= 64,
              n.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail("key", "\(name): name must be 1-64 letters, digits, '-', '_' or '.'")
        }
        guard let hash = t["sha256"]?.string, hash.utf8.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw fail("key", "\(name): sha256 must be the 64 lowercase hex digits of the key's SHA-256 (printf %s KEY | sha256sum)")
        }
        guard let roleText = t["role"]?.string, let kind = AccessPolicy.Key.Kind(rawValue: roleText) else {
            throw fail("key", "\(name): role must be intake or agency")
        }
        let agency = t["agency"]?.string, unit = t["unit"]?.string
        switch kind {
        case .intake:
            guard let unit, unit == "*" || Unit.isValidCode(unit) else { throw fail("key", "\(name): an intake key needs unit, a unit code or \"*\"") }
            guard agency == nil else { throw fail("key", "\(name): an intake key has no agency") }
        case .agency:
            guard let agency, !agency.isEmpty, agency.utf8.count <= 64 else { throw fail("key", "\(name): an agency key needs agency, an agency id") }
            guard unit == nil else { throw fail("key", "\(name): an agency key has no unit: it sees what is dispatched to its agency") }
        }
        return AccessPolicy.Key(name: n, sha256: hash, kind: kind, agency: agency, unit: unit)
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
