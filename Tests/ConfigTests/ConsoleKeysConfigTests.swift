import Config
import Dashboard
import TerminalUI
import XCTest

/// `[keys]` and `[console]` in the config file: remapped keys drive the console and its
/// help; clashes, unknown names and data-changing actions on moving keys are refused at
/// their own line.
final class ConsoleKeysConfigTests: XCTestCase {
    private func parse(_ text: String) throws -> ConsoleSettings {
        try ConfigFile.parseAll(text, file: "config.toml").console
    }

    private func refusal(_ text: String) -> String {
        do { _ = try ConfigFile.parseAll(text, file: "config.toml"); return "accepted" } catch { return error.description }
    }

    func testRemappedKeysDriveTheConsoleAndItsHelp() throws {
        let settings = try parse("""
            [accept]
            red = "15m"

            [keys]
            accept = "A"
            down = ["j", "Down", "C-n"]

            [console]
            mouse = false
            """)
        XCTAssertFalse(settings.mouse)
        XCTAssertEqual(KeyMap.action(for: .char("A"), in: settings.bindings), .act(.accept))
        XCTAssertNil(KeyMap.action(for: .char("a"), in: settings.bindings), "the old key is free")
        XCTAssertEqual(KeyMap.action(for: .ctrl("n"), in: settings.bindings), .down)
        let accept = settings.bindings.first { $0.action == .act(.accept) }
        XCTAssertEqual(accept?.keyLabel, "A", "help and hints show the new key")
        // The policy in the same file is still read.
        XCTAssertEqual(try ConfigFile.parse("[accept]\nred = \"15m\"\n[keys]\naccept = \"A\"\n", file: "c").limits.accept[.red], .minutes(15))
    }

    func testBadKeysAreRefusedAtTheirLine() {
        XCTAssertEqual(refusal("[keys]\nvoid = \"j\"\n"),
                       "config.toml:2: keys.void: 'j' moves the cursor; an action that changes a case may not use it")
        // Moving `down` away from j does not free j for a destructive action: reflexes stay.
        XCTAssertTrue(refusal("[keys]\ndown = \"J\"\nvoid = \"j\"\n").contains("'j' moves the cursor"))
        XCTAssertEqual(refusal("\n[keys]\naccept = \"d\"\n"), "config.toml:3: keys.accept: 'd' is already the key of dispatch")
        XCTAssertTrue(refusal("[keys]\nfrobnicate = \"z\"\n").hasPrefix("config.toml:2: keys.frobnicate: unknown action (one of: up, down"))
        XCTAssertTrue(refusal("[keys]\naccept = \"Ctrl+A\"\n").contains("'Ctrl+A' is not a key"))
        XCTAssertTrue(refusal("[keys]\naccept = 3\n").contains("keys.accept: must be a key"))
        XCTAssertTrue(refusal("[keys]\nhelp = \"Esc\"\n").contains("Esc is reserved"))
        XCTAssertTrue(refusal("[keys]\naccept = []\n").contains("needs at least one key"))
        XCTAssertTrue(refusal("[console]\nmouse = \"yes\"\n").contains("console.mouse: must be true or false"))
        XCTAssertTrue(refusal("[console]\ncolour = true\n").contains("console.colour: unknown key"))
    }

    func testMovingAKeyBetweenActionsIsAllowedWhenNothingClashes() throws {
        let settings = try parse("[keys]\ndispatch = \"w\"\naccept = \"d\"\n")
        XCTAssertEqual(KeyMap.action(for: .char("d"), in: settings.bindings), .act(.accept))
        XCTAssertEqual(KeyMap.action(for: .char("w"), in: settings.bindings), .act(.dispatch))
    }
}

extension ConsoleKeysConfigTests {
    func testARefusalNamesTheLineTheFileWrote() {
        XCTAssertEqual(refusal("[keys]\ndown = \"x\"\n"),
                       "config.toml:2: keys.down: 'x' is the key of extend, which changes a case; a key that moves the cursor may not be one")
        XCTAssertEqual(refusal("[keys]\n\nvoid = \"PgDn\"\n"),
                       "config.toml:3: keys.void: PgDn moves the cursor; an action that changes a case may not use it")
        for unsendable in ["C-i", "C-m", "C-j", "C-h"] {
            XCTAssertTrue(refusal("[keys]\naccept = \"\(unsendable)\"\n").contains("arrive as Backspace, Tab and Enter"), unsendable)
        }
        XCTAssertEqual(refusal("[keys]\naccept = \"C-a\"\nnote = \"Insert\"\n"), "accepted")
    }

    func testAMistakeInKeysStopsOnlyTheConsole() throws {
        let text = "[accept]\nred = \"15m\"\n[keys]\naccept = \"j\"\n"
        XCTAssertEqual(try ConfigFile.parse(text, file: "c").limits.accept[.red], .minutes(15), "ingest, serve and sweep read the policy")
        XCTAssertTrue(refusal(text).contains("keys.accept"), "the console refuses it")
    }
}
