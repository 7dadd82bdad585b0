import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The throwaway PostgreSQL server that `pg_virtualenv` (run by `.ci/run`) describes
/// in the PG* variables, shared by every test target that needs one.
public enum PGServer {
    /// Throws `XCTSkip` with a visible notice when no server is configured; under
    /// `CI=true` a missing server is a failure, not a skip.
    public static func require() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["PGHOST"] != nil, env["PGPORT"] != nil else {
            if env["CI"] == "true" { XCTFail("CI=true but no PostgreSQL server is configured (run the tests under pg_virtualenv, as .ci/run does)") }
            throw XCTSkip("no PostgreSQL server configured (PGHOST, PGPORT): run `pg_virtualenv -t swift test` to include the PostgreSQL store")
        }
    }

    /// The name of a new, empty database on the server.
    public static func freshDatabase() throws -> String {
        try require()
        let db = "gw_test_" + UUID().uuidString.prefix(8).lowercased()
        try psql("CREATE DATABASE \(db)")
        return db
    }

    /// Runs `sql` through psql as the server's superuser, in `database`; the rows it printed.
    @discardableResult
    public static func psql(_ sql: String, database: String = "postgres") throws -> String {
        let (status, output) = try psqlAs(nil, password: nil, sql, database: database)
        guard status == 0 else { throw PSQLFailed(message: "psql failed (\(status)): \(sql): \(output)") }
        return output
    }

    /// Runs `sql` through psql as `user` (the superuser when nil); the exit status and what it printed.
    public static func psqlAs(_ user: String?, password: String?, _ sql: String, database: String) throws -> (Int32, String) {
        var env = ProcessInfo.processInfo.environment
        if let password { env["PGPASSWORD"] = password }
        return try command("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql] + (user.map { ["-U", $0] } ?? []),
                           env: env)
    }

    /// The cluster `pg_virtualenv` made, as `pg_ctlcluster` names it (version, name).
    public static func cluster() throws -> (version: String, name: String) {
        let (status, out) = try command("/usr/bin/pg_lsclusters", ["-h"], env: ProcessInfo.processInfo.environment)
        let port = ProcessInfo.processInfo.environment["PGPORT"] ?? ""
        for line in out.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if status == 0, f.count >= 3, f[2] == port { return (String(f[0]), String(f[1])) }
        }
        throw PSQLFailed(message: "no cluster on port \(port) in pg_lsclusters: \(out)")
    }

    /// `pg_ctlcluster VERSION NAME ACTION [ARGS]`, e.g. `stop -m immediate` or `start`.
    public static func control(_ action: String, _ args: [String] = []) throws {
        let c = try cluster()
        let (status, out) = try command("/usr/bin/pg_ctlcluster", [c.version, c.name, action] + args, env: ProcessInfo.processInfo.environment)
        guard status == 0 else { throw PSQLFailed(message: "pg_ctlcluster \(action) failed (\(status)): \(out)") }
    }

    /// Runs a program and returns its status and its output (standard output and error
    /// together). The output goes through a file, not a pipe: `pg_ctlcluster start`
    /// leaves a server behind that would hold a pipe open for ever.
    public static func command(_ path: String, _ args: [String], env: [String: String]) throws -> (Int32, String) {
        let file = NSTemporaryDirectory() + "gw-cmd-\(UUID().uuidString)"
        defer { unlink(file) }
        let status = try Subprocess.start([path] + args, environment: env, output: file, errors: file).wait()
        return (status, (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }
}

/// A psql or pg_ctlcluster call that failed, with what it printed.
public struct PSQLFailed: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
