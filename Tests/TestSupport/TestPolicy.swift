import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An access policy for the tests that are not about access: the account running the
/// tests may do everything everywhere, and `nobody` may view and report. `ensure` writes it once per process and points
/// `GRIDWATCH_ACCESS` at it, so every gridwatch the tests start (directly, in tmux, in
/// a network namespace) reads it.
public enum TestPolicy {
    nonisolated(unsafe) private static var path: String?
    private static let lock = NSLock()

    /// The account running the tests.
    public static var userName: String {
        guard let pw = getpwuid(getuid()), let n = pw.pointee.pw_name else { return "root" }
        return String(cString: n)
    }

    /// Writes the all-powerful policy (once) and exports it; returns its path.
    @discardableResult
    public static func ensure() -> String {
        lock.withLock {
            if let path { return path }
            let dir = NSTemporaryDirectory() + "gw-policy-\(getpid())"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            chmod(dir, 0o755)
            let file = dir + "/access.toml"
            // `nobody` stands for an account the store's file permissions keep out (the
            // hardening and wall tests): the policy lets it in, the kernel does not.
            let grants = ["lead", "admin", "intake"].map { (userName, $0) } + [("nobody", "viewer"), ("nobody", "intake")]
            let text = grants.map { "[[grant]]\nuser = \"\($0.0)\"\nrole = \"\($0.1)\"\nunit = \"*\"\n" }.joined(separator: "\n")
            FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
            chmod(file, 0o644)
            setenv("GRIDWATCH_ACCESS", file, 1)
            path = file
            return file
        }
    }
}
