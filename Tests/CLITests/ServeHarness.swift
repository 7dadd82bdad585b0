import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A running `gridwatch serve` over a test store, with an access policy that gives the
/// test account every role and names three keys: an intake key for the city, an intake
/// key for one district (西岗区), and the housing department's agency key.
final class ServeProcess: @unchecked Sendable {
    static let cityKey = "city-hotline-secret"
    static let districtKey = "xigang-intake-secret"
    static let housingKey = "housing-platform-secret"
    static let policeKey = "police-platform-secret"

    let child: Child
    let client: HTTPClient
    let errors: String
    let policy: String

    /// Starts the service on `store` (a free loopback port unless `listen` says otherwise)
    /// and waits until it says where it listens.
    init(store: String, root: String, extra: [String] = [], listen: String = "127.0.0.1:0") throws {
        policy = try Self.writePolicy(root: root)
        errors = root + "/serve-\(UUID().uuidString.prefix(8)).err"
        var env = ProcessInfo.processInfo.environment
        env["GRIDWATCH_ACCESS"] = policy
        child = try Subprocess.start([Binary.url.path, "serve", "--store", store, "--listen", listen] + extra,
                                     environment: env, output: root + "/serve.out", errors: errors)
        let deadline = Date().addingTimeInterval(30)
        var bound: String?
        while Date() < deadline, bound == nil {
            let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("serving on ") }) {
                bound = line.components(separatedBy: "serving on ").last?.components(separatedBy: " (").first
            } else if !child.isRunning {
                throw SubprocessError("serve exited at start: \(text)")
            } else {
                usleep(50_000)
            }
        }
        guard let bound else { throw SubprocessError("serve did not start within 30 s") }
        if bound.hasPrefix("unix:") {
            client = HTTPClient(.unix(path: String(bound.dropFirst(5))))
        } else {
            guard let port = bound.split(separator: ":").last.flatMap({ UInt16($0) }) else { throw SubprocessError("no port in '\(bound)'") }
            client = HTTPClient(.tcp(port: port))
        }
    }

    /// A GET run on another thread while the test goes on; `wait` gives its reply.
    func getInBackground(_ path: String, key: String) -> (_ seconds: Double) -> HTTPClient.Reply? {
        let reply = Locked<HTTPClient.Reply?>(nil)
        let done = DispatchSemaphore(value: 0)
        let client = self.client
        DispatchQueue.global().async {
            reply.mutate { $0 = try? client.get(path, headers: ServeProcess.bearer(key)) }
            done.signal()
        }
        return { seconds in done.wait(timeout: .now() + seconds) == .success ? reply.value : nil }
    }

    /// Stops it with SIGTERM and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        child.signal(SIGTERM)
        return child.wait()
    }

    deinit { if child.isRunning { child.signal(SIGKILL); child.wait() } }

    /// The log the service wrote to standard error.
    var log: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

    /// `Authorization: Bearer KEY`.
    static func bearer(_ key: String) -> [String: String] { ["Authorization": "Bearer \(key)"] }

    private static func writePolicy(root: String) throws -> String {
        let me = TestPolicy.userName
        func hash(_ s: String) throws -> String {
            let r = try Subprocess.run(["/bin/sh", "-c", "printf %s \"$1\" | sha256sum", "sh", s], environment: [:])
            return String(r.out.prefix(64))
        }
        var text = ["lead", "admin", "intake"].map { "[[grant]]\nuser = \"\(me)\"\nrole = \"\($0)\"\nunit = \"*\"\n" }.joined(separator: "\n")
        text += """

            [[key]]
            name = "city-hotline"
            sha256 = "\(try hash(cityKey))"
            role = "intake"
            unit = "210200"

            [[key]]
            name = "xigang-intake"
            sha256 = "\(try hash(districtKey))"
            role = "intake"
            unit = "210203"

            [[key]]
            name = "housing-platform"
            sha256 = "\(try hash(housingKey))"
            role = "agency"
            agency = "housing"

            [[key]]
            name = "police-platform"
            sha256 = "\(try hash(policeKey))"
            role = "agency"
            agency = "police"

            """
        let path = root + "/access.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        return path
    }
}

extension CLITestCase {
    /// Units in two districts (西岗区 and 中山区) down to a village or grid each.
    static let twoDistricts = smallUnits + """

        210202,中山区,county,210200
        210202001,海军广场街道,town,210202
        210202001001,金华社区,village,210202001
        """

    /// A store over `twoDistricts`, with the housing and police departments.
    func initTwoDistricts() throws {
        try Self.twoDistricts.write(toFile: root + "/units.csv", atomically: true, encoding: .utf8)
        try "id,zh,en,kind\nhousing,住建局,Housing,rotating\npolice,公安,Police,resident\n".write(toFile: root + "/agencies.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["init", "--store", store, "--units", root + "/units.csv", "--agencies", root + "/agencies.csv"])
        XCTAssertEqual(r.status, 0, r.err)
    }

    /// The service over this test's store, run as the account with every role.
    func startServe(_ extra: [String] = [], listen: String = "127.0.0.1:0") throws -> ServeProcess {
        try ServeProcess(store: store, root: root, extra: extra, listen: listen)
    }

    /// Runs gridwatch with the serve policy (so commands see the same keys and grants).
    func gwServe(_ serve: ServeProcess, _ args: [String]) throws -> Binary.Result {
        try Binary.run(args + ["--store", store], env: ["GRIDWATCH_ACCESS": serve.policy])
    }
}

/// Form encoding for test bodies.
func form(_ pairs: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        .joined(separator: "&")
}
