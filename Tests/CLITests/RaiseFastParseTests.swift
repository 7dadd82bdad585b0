import Foundation
import XCTest

@testable import gridwatch

/// `raise`'s fast path reads exactly what swift-argument-parser would, or declines.
final class RaiseFastParseTests: XCTestCase {
    let base = ["--unit", "210203004001001", "--category", "dispute.property", "--level", "red", "--title", "楼道堆物"]

    /// Every field of the command, options included.
    func fields(_ c: RaiseCommand) -> [String] {
        [c.options.store ?? "-", c.options.config ?? "-", c.options.accessOptions.access ?? "-", c.unit, c.category, c.level,
         c.title, c.detail, c.source, c.reporter, String(c.people), c.externalId, c.reportedAt ?? "-"]
    }

    func parser(_ args: [String]) -> RaiseCommand? { (try? RaiseCommand.parseAsRoot(args)) as? RaiseCommand }

    func testThePlainFormGivesWhatTheParserGives() throws {
        let cases: [[String]] = [
            base,
            ["--store", "/srv/gw", "--config", "/etc/gw.toml", "--access", "/etc/a.toml"] + base,
            base + ["--detail", "三楼 楼道", "--source", "hotline", "--reporter", "王女士", "--people", "12",
                    "--external-id", "12345-A", "--reported-at", "-2h"],
            base + ["--reported-at", "2026-12-05T08:00:00+08:00", "--people", "+3", "--detail", ""],
            Array(base[4...]) + Array(base[..<4]),  // any order
        ]
        for args in cases {
            let fast = try XCTUnwrap(RaiseFastParse.parse(args), "the fast path should take \(args)")
            let slow = try XCTUnwrap(parser(args), "\(args)")
            XCTAssertEqual(fields(fast), fields(slow), "\(args)")
        }
    }

    /// Anything but the plain form is left to the parser, whose messages and rules apply.
    func testEverythingElseIsLeftToTheParser() {
        let declined: [[String]] = [
            [], ["--help"], base + ["--help"], base + ["-h"],
            Array(base.dropLast(2)),                     // no title
            base + ["--title", "again"],                 // a repeat
            base + ["--people", "many"],                 // not a number
            base + ["--people", "-1"],                   // a dash value
            base + ["--detail", "-x"],
            base + ["--detail"],                         // no value
            base + ["--unknown", "x"],
            base + ["--detail=x"],
            base + ["stray"],
            base + ["--", "x"],
        ]
        for args in declined { XCTAssertNil(RaiseFastParse.parse(args), "\(args)") }
        XCTAssertNil(parser(base + ["--people", "many"]), "the parser refuses it, with its own message")
        XCTAssertNotNil(parser(base + ["--detail=x"]), "the parser takes the other forms")
    }

    /// The fast path knows every option `raise` has: one added to the command and not
    /// here would be left unset, and reading it would stop the process.
    func testTheFastPathKnowsEveryOption() throws {
        let help = RaiseCommand.helpMessage(columns: 400)
        let regex = try NSRegularExpression(pattern: "--[a-z][a-z-]*")
        let named = Set(regex.matches(in: help, range: NSRange(help.startIndex..., in: help)).compactMap { Range($0.range, in: help).map { String(help[$0]) } })
        XCTAssertEqual(named.subtracting(["--help", "--version"]), RaiseFastParse.known, help)
    }
}
