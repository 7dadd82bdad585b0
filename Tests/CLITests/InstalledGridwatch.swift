import Foundation
import TestSupport
import XCTest

/// gridwatch installed as README says, for tests that run it as real Unix users: a
/// group that owns the store, a setgid copy of the binary, a root-owned access policy,
/// and users made with `useradd -M`, each run through `runuser -u USER --`. Root only;
/// `tearDown` removes the users, the group and the files.
final class InstalledGridwatch {
    let tag = String(UUID().uuidString.prefix(5)).lowercased()
    let dir: String
    var group: String { "gw\(tag)" }
    var binary: String { dir + "/bin/gridwatch" }
    var store: String { dir + "/store" }
    var policy: String { dir + "/etc/access.toml" }
    private(set) var users: [String] = []
    private var made = false

    /// Why this cannot run here, or nil.
    static var unavailable: String? {
        if getuid() != 0 { return "needs root to make users and install a setgid binary (CI runs as root)" }
        for tool in ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/sbin/runuser"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (passwd and util-linux)"
        }
        return nil
    }

    /// Installs the binary and makes a user for each short name (`officer` becomes
    /// `gwTAGofficer`); `grants` are (short name or `root`, role, unit) lines of the policy.
    init(users shortNames: [String], grants: [(String, String, String)]) throws {
        dir = "/tmp/gw-installed-\(tag)"
        made = true
        try sh("""
            set -e
            groupadd \(group)
            mkdir -p \(dir)/bin \(dir)/etc
            chmod 755 \(dir) \(dir)/bin \(dir)/etc
            cp '\(Binary.url.path)' \(binary)
            chgrp \(group) \(binary)
            chmod 2755 \(binary)
            """)
        for n in shortNames {
            try sh("useradd -M -N -g nogroup -s /usr/sbin/nologin \(user(n))")
            users.append(user(n))
        }
        let text = grants.map { g in
            "[[grant]]\nuser = \"\(g.0 == "root" ? "root" : user(g.0))\"\nrole = \"\(g.1)\"\nunit = \"\(g.2)\"\n"
        }.joined(separator: "\n")
        try text.write(toFile: policy, atomically: true, encoding: .utf8)
        chmod(policy, 0o644)
    }

    /// The account name of a short name.
    func user(_ short: String) -> String { "gw\(tag)\(short)" }

    /// Runs the installed gridwatch as `who` (a short name, or `root`) with `--access`
    /// added when the command takes a store, and extra environment.
    func run(as who: String, _ args: [String], env: [String: String] = [:], stdin: String? = nil) throws -> Subprocess.Result {
        let account = who == "root" ? "root" : user(who)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        return try Subprocess.run(["/usr/sbin/runuser", "-u", account, "--", binary] + args, environment: environment,
                                  stdin: stdin.map { Data($0.utf8) })
    }

    /// A shell command line that runs the installed gridwatch as `who` (for tmux).
    func commandLine(as who: String, _ args: String) -> String {
        "/usr/sbin/runuser -u \(who == "root" ? "root" : user(who)) -- \(binary) \(args)"
    }

    @discardableResult
    func sh(_ script: String) throws -> Subprocess.Result {
        let r = try Subprocess.run(["/bin/bash", "-c", script], environment: ProcessInfo.processInfo.environment)
        guard r.status == 0 else { throw SubprocessError("install step failed (\(r.status)): \(script.prefix(200)): \(r.err)") }
        return r
    }

    func tearDown() {
        guard made else { return }
        made = false
        for u in users { _ = try? Subprocess.run(["/bin/bash", "-c", "pkill -KILL -u \(u); userdel \(u)"], environment: [:]) }
        _ = try? Subprocess.run(["/bin/bash", "-c", "groupdel \(group); rm -rf \(dir)"], environment: [:])
    }

    deinit { tearDown() }
}
