import EventStore
import Foundation

/// Where a PostgreSQL store is: from `postgres://USER@HOST:PORT/DB` (or
/// `postgresql://`), with what the URL leaves out taken from libpq's environment
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`) and the password from `PGPASSWORD` or
/// a password file (`PGPASSFILE`, else `~/.pgpass`), never from the command line.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// A host name or address; a path (starting with `/`) is a directory holding the server's socket.
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// Never printed: `description` leaves it out.
    var password: String?

    /// Whether `text` names a PostgreSQL store.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    /// Parses a store URL. Refuses a password in the URL: it would be seen in the
    /// process list and in the shell's history.
    public init(url: String, environment env: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        guard let scheme = url.range(of: "://"), PostgresLocation.isURL(url) else {
            throw .unavailable("'\(url.prefix(60))' is not a postgres:// URL")
        }
        var rest = Substring(url[scheme.upperBound...])
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        var db = ""
        if let slash = rest.firstIndex(of: "/") { db = String(rest[rest.index(after: slash)...]); rest = rest[..<slash] }
        var user = ""
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            if user.contains(":") {
                throw .permission("a password in the store URL would be visible to every user of this host; use PGPASSWORD or a password file (~/.pgpass, PGPASSFILE)")
            }
        }
        var host = String(rest), port = ""
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") || rest[..<colon].hasSuffix("]") {
            host = String(rest[..<colon])
            port = String(rest[rest.index(after: colon)...])
        }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).removingPercentEncoding ?? host
        self.host = host.isEmpty ? (env["PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost") : host
        let portText = port.isEmpty ? (env["PGPORT"] ?? "") : port
        guard let p = portText.isEmpty ? 5432 : Int(portText), (1...65535).contains(p) else {
            throw .unavailable("'\(portText.prefix(20))' is not a port number (in \(url.prefix(60)))")
        }
        self.port = p
        self.user = (user.removingPercentEncoding ?? user).isEmpty ? (env["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? PostgresLocation.loginName()) : (user.removingPercentEncoding ?? user)
        let dbName = db.removingPercentEncoding ?? db
        self.database = dbName.isEmpty ? (env["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? self.user) : dbName
        password = env["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? PasswordFile.lookup(host: self.host, port: self.port, database: self.database,
                                                                                          user: self.user, environment: env)
    }

    /// `postgres://user@host:port/db`, without the password.
    public var description: String { "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// The account running the process, as libpq defaults the user name.
    static func loginName() -> String {
        guard let pw = getpwuid(getuid()), let name = pw.pointee.pw_name else { return "postgres" }
        return String(cString: name)
    }
}

/// libpq's password file: lines of `host:port:database:user:password`, `*` matching
/// anything and `\` escaping `:` and `\`. Ignored, as libpq ignores it, when others
/// may read it (a root-owned file its group may only read is accepted).
enum PasswordFile {
    static func lookup(host: String, port: Int, database: String, user: String, environment env: [String: String]) -> String? {
        let path = env["PGPASSFILE"] ?? ((env["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".pgpass")
        var st = stat()
        // libpq's rule (only the owner may read it), plus one case it lacks: a file root
        // owns and shares with its group only, read-only, as an installed gridwatch
        // keeps /etc/gridwatch/pgpass for its setgid group.
        guard stat(path, &st) == 0, st.st_mode & 0o077 == 0 || (st.st_uid == 0 && st.st_mode & 0o037 == 0),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = fields(line)
            guard f.count == 5 else { continue }
            let want = [host, String(port), database, user]
            if zip(f.prefix(4), want).allSatisfy({ $0 == "*" || $0 == $1 }) { return f[4] }
        }
        return nil
    }

    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], cur = "", escaped = false
        for ch in line {
            if escaped { cur.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" { out.append(cur); cur = "" } else { cur.append(ch) }
        }
        out.append(cur)
        return out
    }
}
