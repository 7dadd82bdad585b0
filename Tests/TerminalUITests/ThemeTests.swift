import XCTest
@testable import TerminalUI

final class ThemeTests: TerminalUITestCase {
    func testEveryShippedThemeLoadsAndMapsEveryElement() throws {
        let files = try Fixtures.themeFiles()
        XCTAssertEqual(files.map(\.lastPathComponent), ["default.toml", "high-contrast.toml", "light.toml", "mono.toml"])
        for url in files {
            do {
                let theme = try Theme.load(contentsOf: url.path)
                XCTAssertEqual(theme.unmappedElements, [], url.lastPathComponent)
                XCTAssertEqual(theme.entries.count, Element.allCases.count, url.lastPathComponent)
                XCTAssertEqual(theme.name, url.deletingPathExtension().lastPathComponent)
            } catch {
                XCTFail("\(url.lastPathComponent): \(error)")
            }
        }
    }

    func testMonoFileMatchesBuiltInMonochrome() throws {
        let mono = try Theme.load(contentsOf: Fixtures.themesDirectory.appendingPathComponent("mono.toml").path)
        for element in Element.allCases {
            XCTAssertEqual(mono[element], Theme.monochrome[element], element.rawValue)
            XCTAssertEqual(mono[element].fg, .default)
        }
    }

    func testColourThemesKeepAlertsDistinct() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try Theme.load(contentsOf: Fixtures.themesDirectory.appendingPathComponent("\(name).toml").path)
            let alerts: [Element] = [.alertRed, .alertOrange, .alertYellow, .alertBlue]
            XCTAssertEqual(Set(alerts.map { theme[$0] }).count, 4, name)
            XCTAssertNotEqual(theme[.selection], theme[.text], name)
        }
    }

    func testEntryForms() throws {
        let theme = try Theme.parse("""
            name = "t"
            [colors]
            muted = "#808080"
            stale = 244
            alertRed = { fg = "brightRed", bg = "#300", bold = true, underline = false }
            [colors.banner]
            fg = "black"
            bg = "yellow"
            reverse = true
            """, file: "t.toml")
        XCTAssertEqual(theme.name, "t")
        XCTAssertEqual(theme[.muted], ThemeEntry(fg: .rgb(0x80, 0x80, 0x80)))
        XCTAssertEqual(theme[.stale], ThemeEntry(fg: .index256(244)))
        XCTAssertEqual(theme[.alertRed], ThemeEntry(fg: .named(.brightRed), bg: .rgb(0x33, 0, 0), attributes: .bold))
        XCTAssertEqual(theme[.banner], ThemeEntry(fg: .named(.black), bg: .named(.yellow), attributes: .reverse))
        XCTAssertEqual(theme.unmappedElements.count, Element.allCases.count - 4)
        XCTAssertEqual(theme[.header], theme[.text], "unmapped falls back to text")
    }

    func testUnknownElementNamesFileLineAndElement() {
        let source = """
            name = "bad"
            [colors]
            text = "#ffffff"
            alertPurple = { fg = "#ff00ff" }
            """
        XCTAssertThrowsError(try Theme.parse(source, file: "themes/bad.toml")) { error in
            XCTAssertEqual(error as? TerminalUIError,
                           .unknownElement(file: "themes/bad.toml", line: 4, element: "alertPurple"))
            XCTAssertEqual(String(describing: error), "themes/bad.toml:4: unknown theme element 'alertPurple'")
        }
    }

    func testUnknownElementAsSubTable() {
        let source = "[colors]\ntext = \"red\"\n\n[colors.alertPurple]\nfg = \"red\"\n"
        XCTAssertThrowsError(try Theme.parse(source, file: "x.toml")) { error in
            XCTAssertEqual(error as? TerminalUIError, .unknownElement(file: "x.toml", line: 4, element: "alertPurple"))
        }
    }

    func testFirstErrorInFileOrderIsReported() {
        // TOMLKit sorts keys; "aaa" would come first alphabetically.
        let source = "[colors]\nzzz = \"red\"\naaa = \"red\"\n"
        XCTAssertThrowsError(try Theme.parse(source, file: "x.toml")) { error in
            XCTAssertEqual(error as? TerminalUIError, .unknownElement(file: "x.toml", line: 2, element: "zzz"))
        }
    }

    func testBadColours() {
        let cases: [(String, Int, String, String)] = [
            ("[colors]\ntext = \"red\"\nalertRed = { fg = \"#ff55zz\" }\n", 3, "alertRed", "#ff55zz"),
            ("[colors]\nmuted = \"reddish\"\n", 2, "muted", "reddish"),
            ("[colors]\nmuted = 300\n", 2, "muted", "300"),
            ("[colors]\nmuted = { bg = \"#12345\" }\n", 2, "muted", "#12345"),
            ("[colors.alertRed]\nbold = true\nfg = \"nope\"\n", 3, "alertRed", "nope"),
        ]
        for (source, line, element, value) in cases {
            XCTAssertThrowsError(try Theme.parse(source, file: "c.toml"), value) { error in
                XCTAssertEqual(error as? TerminalUIError,
                               .badColor(file: "c.toml", line: line, element: element, value: value))
            }
        }
    }

    func testBadEntryShapes() {
        let cases: [(String, String)] = [
            ("[colors]\ntext = { fg = \"red\", blink = true }\n", "blink"),
            ("[colors]\ntext = { bold = \"yes\" }\n", "bold"),
        ]
        for (source, word) in cases {
            XCTAssertThrowsError(try Theme.parse(source, file: "e.toml")) { error in
                guard case let .badThemeEntry(file, line, element, reason)? = error as? TerminalUIError else {
                    return XCTFail("unexpected \(error)")
                }
                XCTAssertEqual(file, "e.toml")
                XCTAssertEqual(line, 2)
                XCTAssertEqual(element, "text")
                XCTAssertTrue(reason.contains(word), reason)
            }
        }
    }

    func testDocumentLevelErrors() {
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n[colors\n", file: "s.toml")) { error in
            guard case let .themeSyntax(file, line, _, _)? = error as? TerminalUIError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(file, "s.toml")
            XCTAssertEqual(line, 2)
        }
        XCTAssertThrowsError(try Theme.parse("name = \"x\"\n", file: "m.toml")) { error in
            XCTAssertEqual(error as? TerminalUIError, .invalidTheme(file: "m.toml", line: nil, reason: "missing [colors] table"))
        }
        XCTAssertThrowsError(try Theme.parse("[colors]\ntext = \"red\"\n[extra]\nx = 1\n", file: "u.toml")) { error in
            guard case let .invalidTheme(_, line, reason)? = error as? TerminalUIError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(line, 3)
            XCTAssertTrue(reason.contains("extra"), reason)
        }
        XCTAssertThrowsError(try Theme.load(contentsOf: "/nonexistent/theme.toml")) { error in
            guard case .themeUnreadable(let file, _)? = error as? TerminalUIError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(file, "/nonexistent/theme.toml")
        }
    }

    func testCRLFLineNumbers() {
        let source = "name = \"w\"\r\n[colors]\r\ntext = \"red\"\r\nbogus = \"red\"\r\n"
        XCTAssertThrowsError(try Theme.parse(source, file: "w.toml")) { error in
            XCTAssertEqual(error as? TerminalUIError, .unknownElement(file: "w.toml", line: 4, element: "bogus"))
        }
    }

    func testResolveCombinesForegroundBackgroundAndDepth() throws {
        let theme = try Theme.load(contentsOf: Fixtures.themesDirectory.appendingPathComponent("default.toml").path)
        let resolved = theme.resolve(Style(.alertRed, bg: .selection, attributes: .underline), depth: .palette256)
        XCTAssertEqual(resolved, ResolvedStyle(fg: .index256(203), bg: .index256(24), attributes: [.bold, .underline]))
        let mono = theme.resolve(Style(.alertRed), depth: .mono)
        XCTAssertEqual(mono.fg, .default)
        XCTAssertEqual(mono.bg, .default)
        let full = theme.resolve(Style(.text), depth: .truecolor)
        XCTAssertEqual(full.fg, .rgb(0xd7, 0xda, 0xe0))
    }

    func testMonoOutputSwapsColourThemesForMonochrome() throws {
        let dark = try Theme.load(contentsOf: Fixtures.themesDirectory.appendingPathComponent("default.toml").path)
        let mono = try Theme.load(contentsOf: Fixtures.themesDirectory.appendingPathComponent("mono.toml").path)
        XCTAssertFalse(dark.isMonochrome)
        XCTAssertTrue(mono.isMonochrome)
        XCTAssertEqual(dark.effective(for: .mono), Theme.monochrome)
        XCTAssertEqual(dark.effective(for: .ansi16), dark)
        XCTAssertEqual(mono.effective(for: .mono), mono)
        XCTAssertTrue(dark.effective(for: .mono)[.selection].attributes.contains(.reverse))
    }

    func testElementRawValuesAreCamelCaseAndUnique() {
        let names = Element.allCases.map(\.rawValue)
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertTrue(names.contains("selectionUnfocused"))
        XCTAssertTrue(names.allSatisfy { $0.first?.isLowercase == true && !$0.contains("_") })
        XCTAssertLessThan(Element.text, Element.banner)
    }
}
