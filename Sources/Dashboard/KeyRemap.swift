import DispatchCore
import TerminalUI

/// The config file's `[keys]` applied to the key map: `accept = "A"` or
/// `down = ["j", "Down", "C-n"]` gives an action its keys. The result must still bind
/// each key to one action, and no action that changes data may take a key that moves
/// the cursor (by default or after the change): a reflex `j` must never void a case.
public enum KeyRemap {
    /// A change refused, naming the action (`accept`) and why.
    public struct Refusal: Error, Equatable {
        /// The action's name in the file (`accept`), whose line is blamed.
        public var action: String
        /// Why, in one line.
        public var reason: String
    }

    /// `map` with each named action's keys replaced.
    public static func apply(_ changes: [(action: String, keys: [String])], to map: [Binding] = KeyMap.console) throws(Refusal) -> [Binding] {
        var out = map
        for (name, specs) in changes {
            guard let i = out.firstIndex(where: { $0.action.configName == name }) else {
                throw Refusal(action: name, reason: "unknown action (one of: \(map.map(\.action.configName).joined(separator: ", ")))")
            }
            guard !specs.isEmpty else { throw Refusal(action: name, reason: "needs at least one key") }
            var keys: [Key] = []
            for spec in specs {
                guard let k = key(spec) else {
                    throw Refusal(action: name, reason: "'\(spec)' is not a key (a character, Space, Tab, S-Tab, Enter, Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Delete, Insert, F1-F12, C-x, M-x; C-h, C-i, C-j and C-m arrive as Backspace, Tab and Enter)")
                }
                keys.append(k)
            }
            out[i].keys = keys
            out[i].keyLabel = specs.joined(separator: " ")
        }
        try check(out, against: map, changed: Set(changes.map(\.action)))
        return out
    }

    /// Every key to one action; no data-changing action on a key that navigates. A
    /// clash is blamed on the action the file changed.
    private static func check(_ result: [Binding], against original: [Binding], changed: Set<String>) throws(Refusal) {
        let moving = Set((original + result).filter { $0.action.isNavigation }.flatMap(\.keys))
        for b in result where b.action.changesData {
            guard let k = b.keys.first(where: moving.contains) else { continue }
            // Blame the line the file wrote: the case action given a moving key, or the
            // movement given a case action's key.
            if !changed.contains(b.action.configName),
               let mover = result.first(where: { $0.action.isNavigation && $0.keys.contains(k) && changed.contains($0.action.configName) }) {
                throw Refusal(action: mover.action.configName, reason: "\(label(k)) is the key of \(b.action.configName), which changes a case; a key that moves the cursor may not be one")
            }
            throw Refusal(action: b.action.configName, reason: "\(label(k)) moves the cursor; an action that changes a case may not use it")
        }
        var owner: [Key: String] = [:]
        for b in result {
            let name = b.action.configName
            for k in b.keys {
                if let other = owner[k] {
                    let (blamed, kept) = changed.contains(name) ? (name, other) : (other, name)
                    throw Refusal(action: blamed, reason: "\(label(k)) is already the key of \(kept)")
                }
                owner[k] = name
            }
        }
        // Escape closes and clears everywhere; binding it would make a form impossible to leave.
        if let b = result.first(where: { $0.keys.contains(.escape) }) {
            throw Refusal(action: b.action.configName, reason: "Esc is reserved for closing and clearing")
        }
    }

    /// The names of keys that are not characters, as the config file and messages write them.
    private static let labels: [Key: String] = [
        .char(" "): "Space", .tab: "Tab", .backTab: "S-Tab", .enter: "Enter", .escape: "Esc", .up: "Up", .down: "Down",
        .left: "Left", .right: "Right", .pageUp: "PgUp", .pageDown: "PgDn", .home: "Home", .end: "End",
        .backspace: "Backspace", .delete: "Delete", .insert: "Insert",
    ]
    /// The same, looked up by name in any case.
    private static let named = Dictionary(uniqueKeysWithValues: labels.map { ($0.value.lowercased(), $0.key) })

    /// A key from its name in the config file.
    static func key(_ spec: String) -> Key? {
        if spec.count == 1, let c = spec.first, !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            return .char(c)
        }
        let lower = spec.lowercased()
        if let k = named[lower] { return k }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .f(n) }
        if spec.count == 3, let c = spec.last, c.isLetter, c.isASCII {
            // These reach a program as Backspace, Tab and Enter: bound, they would never fire.
            if lower.hasPrefix("c-") { return "hijm".contains(c.lowercased()) ? nil : .ctrl(Character(c.lowercased())) }
            if lower.hasPrefix("m-") { return .alt(c) }
        }
        return nil
    }

    private static func label(_ k: Key) -> String {
        if let l = labels[k] { return l }
        switch k {
        case .char(let c): return "'\(c)'"
        case .ctrl(let c): return "C-\(c)"
        case .alt(let c): return "M-\(c)"
        case .f(let n): return "F\(n)"
        default: return "\(k)"
        }
    }
}
