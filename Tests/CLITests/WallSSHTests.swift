import Foundation
import XCTest

/// The wall as an ssh account's forced command, through a real OpenSSH server on
/// 127.0.0.1 started and stopped by the test.
final class WallSSHTests: CLITestCase {
    var sshdPid: String?
    let user = "gwwall"

    override func tearDownWithError() throws {
        if let pid = sshdPid { _ = try? sh("kill \(pid)") }
        try super.tearDownWithError()
    }

    func sh(_ script: String) throws -> Binary.Result { try Binary.shell(script) }

    /// Starts sshd with a throwaway host key and a forced-command key for `user`.
    func startServer(command: String) throws -> (port: Int, key: String) {
        try XCTSkipUnless(getuid() == 0, "needs root to start sshd and make an account")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd"), "openssh-server is not installed (.ci/run installs it)")
        try XCTSkipUnless(Tmux.available, "tmux is not installed")
        chmod(root, 0o755)
        let setup = try sh("""
        set -e
        id \(user) >/dev/null 2>&1 || useradd -M -d /nonexistent -s /bin/sh \(user)
        usermod -p '*' \(user)
        mkdir -p /run/sshd
        ssh-keygen -q -t ed25519 -N '' -f \(root)/hostkey
        ssh-keygen -q -t ed25519 -N '' -f \(root)/userkey
        printf 'restrict,pty,command="%s" %s\\n' '\(command)' "$(cat \(root)/userkey.pub)" > \(root)/authorized_keys
        chmod 644 \(root)/authorized_keys
        """)
        XCTAssertEqual(setup.status, 0, setup.err)
        let port = Int.random(in: 20000...40000)
        // In the background with its output to a file, so no pipe of ours stays open.
        let started = try sh("""
        /usr/sbin/sshd -D -e -p \(port) -o ListenAddress=127.0.0.1 -h \(root)/hostkey -o UsePAM=no \\
          -o PasswordAuthentication=no -o PidFile=none -o StrictModes=no \\
          -o AuthorizedKeysFile=\(root)/authorized_keys -o AllowUsers=\(user) > \(root)/sshd.log 2>&1 < /dev/null &
        echo $!
        """)
        sshdPid = started.out.trimmingCharacters(in: .whitespacesAndNewlines)
        for _ in 0..<50 {
            if try sh("exec 3<>/dev/tcp/127.0.0.1/\(port)").status == 0 { break }
            usleep(100_000)
        }
        return (port, root + "/userkey")
    }

    func testWallOverSSHIsLiveReadOnlyAndEndsWithTheConnection() throws {
        try initSmall()
        XCTAssertEqual(try raise("远程大屏").status, 0)
        chmod(store, 0o755)
        chmod(log, 0o644)
        // The wall account may view everything; nothing else.
        let policy = root + "/access.toml"
        try "[[grant]]\nuser = \"\(user)\"\nrole = \"viewer\"\nunit = \"*\"\n".write(toFile: policy, atomically: true, encoding: .utf8)
        chmod(policy, 0o644)
        let (port, key) = try startServer(command: "\(Binary.url.path) wall --store \(store) --lang en --access \(policy)")
        let ssh = "ssh -tt -i \(key) -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \(user)@127.0.0.1"
        let tmux = try Tmux(ssh, width: 100, height: 30)
        let shown = tmux.wait(for: 10) { $0.contains("远程大屏") && $0.contains("Newest alerts") }
        XCTAssertTrue(shown.ok, shown.screen)
        XCTAssertEqual(try sh("pgrep -u \(user) -f 'wall --store'").status, 0, "the wall runs as the ssh account")

        XCTAssertEqual(try raise("一秒内出现").status, 0)
        let start = Date()
        XCTAssertTrue(tmux.wait(for: 1.5) { $0.contains("一秒内出现") }.ok, tmux.screen())
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)

        let before = try logData()
        for ch in "abcdefghijklmnoprstuvwxyz" { tmux.send(String(ch), literal: true) }
        tmux.send("Enter")
        tmux.send("Tab")
        tmux.send(":", literal: true)
        usleep(700_000)
        XCTAssertEqual(try logData(), before, "byte-for-byte unchanged after every key")

        _ = try tmux.run(["kill-server"])  // the connection drops
        var left = "?"
        for _ in 0..<30 {
            left = try sh("pgrep -u \(user) -f 'wall --store' || true").out.trimmingCharacters(in: .whitespacesAndNewlines)
            if left.isEmpty { break }
            usleep(100_000)
        }
        XCTAssertEqual(left, "", "no wall process remains after the disconnect")
    }
}
