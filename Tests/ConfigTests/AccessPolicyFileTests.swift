import Config
import DispatchCore
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The access policy file: what it grants, what it refuses, and who may have written it.
final class AccessPolicyFileTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gw-policy-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o755)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private let sample = """
    # 日新街道's officers, and the county's shift leads
    [[grant]]
    user = "li.ming"
    role = "officer"
    unit = "210203004"

    [[grant]]
    group = "county-leads"
    role = "lead"
    unit = "210203"

    [[grant]]
    group = "town-officers"
    role = "officer"
    unit = "210203004"
    """

    func testGrantsAddUpOverUsersAndGroups() throws {
        let p = try AccessPolicyFile.parse(sample, file: "access.toml")
        XCTAssertEqual(p.grants(user: "li.ming", groups: ["county-leads", "town-officers"]),
                       [Grant(role: .officer, unit: "210203004"), Grant(role: .lead, unit: "210203")], "the same grant twice counts once")
        XCTAssertEqual(p.grants(user: "wang.fang", groups: ["town-officers"]), [Grant(role: .officer, unit: "210203004")])
        XCTAssertEqual(p.grants(user: "nobody", groups: []), [], "no grant, nothing")
    }

    func testBadEntriesAreRefusedNamingTheLine() {
        let cases: [(String, String)] = [
            ("[[grant]]\nuser = \"a\"\nrole = \"boss\"\nunit = \"210203\"\n", "role must be one of viewer, intake, officer, lead, admin"),
            ("[[grant]]\nuser = \"a\"\ngroup = \"b\"\nrole = \"lead\"\nunit = \"210203\"\n", "exactly one of user and group"),
            ("[[grant]]\nrole = \"lead\"\nunit = \"210203\"\n", "exactly one of user and group"),
            ("[[grant]]\nuser = \"a\"\nrole = \"lead\"\nunit = \"21 02\"\n", "unit must be a unit code"),
            ("[[grant]]\nuser = \"a\"\nrole = \"lead\"\nunit = \"210203\"\nexpires = \"never\"\n", "unknown key 'expires'"),
            ("[[grant]]\nuser = \"a b\"\nrole = \"lead\"\nunit = \"210203\"\n", "is not a user or group name"),
            ("[admin]\nuser = \"a\"\n", "unknown section"),
            ("[[grant]]\nuser = ", "missing value"),
        ]
        for (text, want) in cases {
            XCTAssertThrowsError(try AccessPolicyFile.parse(text, file: "access.toml"), want) { e in
                let d = (e as? ConfigError)?.description ?? "\(e)"
                XCTAssertTrue(d.contains(want) && d.hasPrefix("access.toml:"), "\(d) should name the line and say \(want)")
            }
        }
    }

    func testAPolicyOthersCouldWriteIsRefused() throws {
        let file = dir + "/access.toml"
        try sample.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        XCTAssertNoThrow(try AccessPolicyFile.load(file, installed: false))
        chmod(file, 0o664)
        XCTAssertThrowsError(try AccessPolicyFile.load(file, installed: false)) {
            XCTAssertEqual("\($0)", "access policy \(file) can be written by its group: refused (chmod go-w \(file))")
        }
        chmod(file, 0o644)
        chmod(dir, 0o777)
        XCTAssertThrowsError(try AccessPolicyFile.load(file, installed: false), "a directory anyone may write lets anyone replace the file")
        chmod(dir, 0o755)
        XCTAssertThrowsError(try AccessPolicyFile.load(dir + "/missing.toml", installed: false)) {
            XCTAssertTrue("\($0)".hasPrefix("no access policy at \(self.dir)/missing.toml"), "\($0)")
        }
        guard getuid() == 0 else { return }
        // Installed, only root may have written it.
        chown(file, 65534, 65534)
        XCTAssertNoThrow(try AccessPolicyFile.load(file, installed: false), "not installed, its owner may")
        XCTAssertThrowsError(try AccessPolicyFile.load(file, installed: true)) {
            XCTAssertTrue("\($0)".contains("is owned by uid 65534, not root"), "\($0)")
        }
    }

    /// `[[key]]` tables: HTTP callers by the SHA-256 of their key; bad ones are refused
    /// naming the line and the key.
    func testKeysAreParsedAndBadOnesRefused() throws {
        let hash = String(repeating: "ab", count: 32)
        let good = """
        [[key]]
        name = "housing-platform"
        sha256 = "\(hash)"
        role = "agency"
        agency = "housing"

        [[key]]
        name = "hotline"
        sha256 = "\(String(repeating: "cd", count: 32))"
        role = "intake"
        unit = "210200"
        """
        let p = try AccessPolicyFile.parse(sample + "\n" + good, file: "a.toml")
        XCTAssertEqual(p.keys.map(\.name), ["housing-platform", "hotline"])
        XCTAssertEqual(p.keys.first?.kind, .agency)
        XCTAssertEqual(p.keys.last?.unit, "210200")
        XCTAssertEqual(p.entries.count, 3, "grants are still read")
        let bad: [(String, String)] = [
            ("[[key]]\nname = \"x\"\nsha256 = \"abc\"\nrole = \"intake\"\nunit = \"210200\"", "sha256 must be the 64 lowercase hex digits"),
            ("[[key]]\nname = \"x\"\nsha256 = \"\(hash)\"\nrole = \"officer\"\nunit = \"210200\"", "role must be intake or agency"),
            ("[[key]]\nname = \"x\"\nsha256 = \"\(hash)\"\nrole = \"agency\"", "an agency key needs agency"),
            ("[[key]]\nname = \"x\"\nsha256 = \"\(hash)\"\nrole = \"intake\"", "an intake key needs unit"),
            ("[[key]]\nname = \"a b\"\nsha256 = \"\(hash)\"\nrole = \"intake\"\nunit = \"*\"", "name must be"),
            ("[[key]]\nname = \"x\"\nsha256 = \"\(hash)\"\nrole = \"intake\"\nunit = \"*\"\nsecret = \"k\"", "unknown key 'secret'"),
            (good + "\n[[key]]\nname = \"y\"\nsha256 = \"\(hash)\"\nrole = \"intake\"\nunit = \"*\"", "already given to another key"),
        ]
        // A mistake in the second key is reported at the second key's header.
        let second = good + "\n\n[[key]]\nname = \"z\"\nsha256 = \"\(String(repeating: "ef", count: 32))\"\nrole = \"oficer\"\n"
        XCTAssertThrowsError(try AccessPolicyFile.parse(second, file: "a.toml")) { e in
            XCTAssertTrue("\(e)".contains("a.toml:13: key: key[3]: role must be intake or agency"), "\(e)")
        }
        for (text, words) in bad {
            XCTAssertThrowsError(try AccessPolicyFile.parse(text, file: "a.toml"), words) { e in
                XCTAssertTrue("\(e)".contains(words) && "\(e)".contains("a.toml:"), "\(e) should say \(words)")
            }
        }
    }
}
