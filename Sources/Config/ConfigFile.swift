import Dashboard
import DispatchCore
import Foundation
import TerminalUI
import TOMLKit

/// Why a configuration file was refused: one line naming the file, line and key.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The message, e.g. `config.toml:3: accept.purple: unknown level ...`.
    public var description: String
    init(_ d: String) { description = d }
}

/// The configuration file: time limits, card thresholds, follow-up delay and early-warning
/// thresholds. Every key is optional; a bad file is refused naming the file, line and key.
public enum ConfigFile {
    /// `${XDG_CONFIG_HOME:-~/.config}/gridwatch/config.toml`.
    public static func defaultPath(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("gridwatch/config.toml")
    }

    /// The policy from `path`; the defaults when `path` is nil and the default file is absent.
    public static func load(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Policy {
        guard let (text, file) = try read(path, environment: environment) else { return .defaults }
        return try parse(text, file: file)
    }

    /// The policy and the console's settings, read once.
    public static func loadAll(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> (Policy, ConsoleSettings) {
        guard let (text, file) = try read(path, environment: environment) else { return (.defaults, ConsoleSettings()) }
        let all = try parseAll(text, file: file)
        return (all.policy, all.console)
    }

    /// The console's settings from the same file (`[keys]`, `[console]`).
    public static func loadConsole(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> ConsoleSettings {
        guard let (text, file) = try read(path, environment: environment) else { return ConsoleSettings() }
        return try parseAll(text, file: file).console
    }

    /// The file's text, or nil when no file was named and the default one is absent.
    private static func read(_ path: String?, environment: [String: String]) throws(ConfigError) -> (String, String)? {
        let file = path ?? defaultPath(environment)
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw ConfigError("config file \(file) does not exist") }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("cannot read config file \(file)")
        }
        return (text, file)
    }

    /// The policy in `text`. The console's tables are not checked: a mistake in `[keys]`
    /// must stop the console that reads it, not `ingest`, `serve` or `sweep`.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> Policy {
        try read(text, file: file, console: false).policy
    }

    /// Everything in the file: the policy and the console's settings.
    public static func parseAll(_ text: String, file: String) throws(ConfigError) -> (policy: Policy, console: ConsoleSettings) {
        try read(text, file: file, console: true)
    }

    private static func read(_ text: String, file: String, console: Bool) throws(ConfigError) -> (policy: Policy, console: ConsoleSettings) {
        let root = try table(text, file: file)
        var p = ConfigReader(file: file, map: TOMLSourceMap(source: text), policy: .defaults, checkConsole: console)
        do { try p.read(root) } catch let e as ConfigError { throw e } catch { throw ConfigError("\(file): \(error)") }
        return (p.policy, p.console)
    }
}

/// What the config file says about the console itself.
public struct ConsoleSettings: Sendable {
    /// The key map after `[keys]`.
    public var bindings: [Binding] = KeyMap.console
    /// Whether the console takes mouse clicks and the wheel (`[console] mouse`, on by
    /// default; off leaves the mouse to the terminal for selecting text).
    public var mouse = true
    /// The defaults: the key map as shipped, the mouse on.
    public init() {}
}

extension ConfigFile {
    /// Parses TOML text, or refuses it naming the file and line: the one way every
    /// gridwatch TOML file (config, access policy) is read.
    static func table(_ text: String, file: String) throws(ConfigError) -> TOMLTable {
        if let p = TOMLPrecheck.problem(in: text) { throw ConfigError("\(file):\(p.line): \(p.message)") }
        do { return try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ConfigError("\(file):\(e.source.begin.line): \(e.description)")
        } catch {
            throw ConfigError("\(file): \(error)")
        }
    }
}

/// Walks the parsed file, checking every key.
private struct ConfigReader {
    let file: String
    let map: TOMLSourceMap
    var policy: Policy
    /// Whether `[keys]` and `[console]` are read (the console) or passed over (the rest).
    let checkConsole: Bool
    var console = ConsoleSettings()

    func fail(_ key: String, _ why: String) -> ConfigError {
        ConfigError("\(file):\(map.lineOrAncestor(of: key) ?? 1): \(key): \(why)")
    }

    mutating func read(_ root: TOMLTable) throws {
        for key in root.keys {
            guard let table = root[key]?.table else { throw fail(key, "expected a [\(key)] table") }
            switch key {
            case "accept": policy.limits.accept = try levels(table, "accept")
            case "resolve": policy.limits.resolve = try levels(table, "resolve")
            case "followup": try followUp(table)
            case "cards": try cards(table)
            case "warning": try warnings(table)
            case "keys": if checkConsole { try keys(table) }
            case "console": if checkConsole { try consoleTable(table) }
            default: throw fail(key, "unknown section (expected accept, resolve, followup, cards, warning, keys, console)")
            }
        }
        guard policy.cards.red > policy.cards.yellow else { throw fail("cards.red", "must be greater than cards.yellow") }
    }

    func levels(_ t: TOMLTable, _ section: String) throws -> [RiskLevel: Duration] {
        var out = section == "accept" ? policy.limits.accept : policy.limits.resolve
        for key in t.keys {
            guard let level = RiskLevel.parse(key) else { throw fail("\(section).\(key)", "unknown level (expected red, orange, yellow, blue)") }
            out[level] = try duration(t[key], "\(section).\(key)")
        }
        return out
    }

    mutating func followUp(_ t: TOMLTable) throws {
        for key in t.keys {
            guard key == "delay" else { throw fail("followup.\(key)", "unknown key (expected delay)") }
            policy.limits.followUp = try duration(t[key], "followup.delay")
        }
    }

    mutating func cards(_ t: TOMLTable) throws {
        for key in t.keys {
            let name = "cards.\(key)"
            guard let v = t[key]?.double ?? t[key]?.int.map(Double.init), v >= 0, v <= 10 else {
                throw fail(name, "must be a number from 0 to 10 (a fraction of the limit past the deadline)")
            }
            switch key {
            case "yellow": policy.cards.yellow = v
            case "red": policy.cards.red = v
            default: throw fail(name, "unknown key (expected yellow, red)")
            }
        }
    }

    mutating func warnings(_ t: TOMLTable) throws {
        for key in t.keys {
            let name = "warning.\(key)"
            switch key {
            case "repeat_count": policy.warnings.repeatCount = try count(t[key], name)
            case "repeat_window": policy.warnings.repeatWindow = try duration(t[key], name)
            case "hotspot_count": policy.warnings.hotspotCount = try count(t[key], name)
            case "hotspot_window": policy.warnings.hotspotWindow = try duration(t[key], name)
            case "crowd_people": policy.warnings.crowdPeople = try count(t[key], name)
            default: throw fail(name, "unknown key (expected repeat_count, repeat_window, hotspot_count, hotspot_window, crowd_people)")
            }
        }
    }

    /// `accept = "A"` or `down = ["j", "Down"]`, checked together against the key map.
    mutating func keys(_ t: TOMLTable) throws {
        var changes: [(action: String, keys: [String])] = []
        for key in t.keys {
            if let one = t[key]?.string {
                changes.append((key, [one]))
            } else if let many = t[key]?.array, case let names = many.compactMap({ $0.string }), names.count == many.count {
                changes.append((key, names))
            } else {
                throw fail("keys.\(key)", "must be a key such as \"A\" or a list of keys such as [\"j\", \"Down\"]")
            }
        }
        do { console.bindings = try KeyRemap.apply(changes) } catch { throw fail("keys.\(error.action)", error.reason) }
    }

    mutating func consoleTable(_ t: TOMLTable) throws {
        for key in t.keys {
            guard key == "mouse" else { throw fail("console.\(key)", "unknown key (expected mouse)") }
            guard let on = t[key]?.bool else { throw fail("console.mouse", "must be true or false") }
            console.mouse = on
        }
    }

    func count(_ v: TOMLValueConvertible?, _ key: String) throws -> Int {
        guard let n = v?.int, n >= 1, n <= 1_000_000 else { throw fail(key, "must be a whole number from 1 to 1000000") }
        return n
    }

    /// `"90s"`, `"10m"`, `"2h"`, `"3d"`.
    func duration(_ v: TOMLValueConvertible?, _ key: String) throws -> Duration {
        guard let s = v?.string, let unit = s.last, let n = Int64(s.dropLast()), n > 0, n <= 365 * 86400 else {
            throw fail(key, "must be a duration such as \"90s\", \"10m\", \"2h\" or \"3d\"")
        }
        switch unit {
        case "s": return Duration(ms: n * 1000)
        case "m": return .minutes(n)
        case "h": return .hours(n)
        case "d": return .days(n)
        default: throw fail(key, "must be a duration such as \"90s\", \"10m\", \"2h\" or \"3d\"")
        }
    }
}
