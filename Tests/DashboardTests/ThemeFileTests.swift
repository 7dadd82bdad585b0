import Dashboard
import Foundation
import TerminalUI
import XCTest

/// Every theme in themes/ loads, maps every element, and matches the built-in copy.
final class ThemeFileTests: XCTestCase {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    func testEveryThemeFileLoadsAndIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themes.path).filter { $0.hasSuffix(".toml") }
        XCTAssertEqual(Set(files), ["default.toml", "light.toml", "high-contrast.toml", "mono.toml"])
        for f in files {
            let path = Self.themes.appendingPathComponent(f).path
            let theme = try Theme.load(contentsOf: path)
            XCTAssertEqual(theme.unmappedElements, [], f)
            let name = String(f.dropLast(5))
            XCTAssertTrue(BuiltinThemes.sources[name] == (try String(contentsOfFile: path, encoding: .utf8)),
                          "Sources/Dashboard/BuiltinThemes.swift must match themes/\(f)")
            XCTAssertNoThrow(try ThemeCatalog.load(name))
        }
    }

    func testABadThemeNamesFileLineAndElement() {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).toml"
        try? "name = \"x\"\n[colors]\ntext = \"#fff\"\nalertPurple = \"#f0f\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try ThemeCatalog.load(path)) { e in
            let d = "\(e)"
            XCTAssertTrue(d.contains(path) && d.contains(":4") && d.contains("alertPurple"), d)
        }
    }
}
