import DispatchCore
import TerminalUI

/// One key binding: the key, what it does, and how the status line and help name it.
public struct Binding: Sendable, Equatable {
    /// The keys that trigger it.
    public var keys: [Key]
    /// How the key is written in hints, e.g. `a` or `Tab`.
    public var keyLabel: String
    /// What it does.
    public var action: Action
    /// Chinese and English labels.
    public var zh: String
    public var en: String
    /// Shown in the status line (the help overlay shows every binding).
    public var inStatusLine: Bool
}

/// The key map as data: the status line and the `?` help are generated from it.
public enum KeyMap {
    /// Every binding of the console.
    public static let console: [Binding] = [
        b([.up, .char("k")], "↑k", .up, "上移", "up", false),
        b([.down, .char("j")], "↓j", .down, "下移", "down", false),
        b([.left, .char("h")], "←h", .left, "上一级", "out", false),
        b([.right, .char("l")], "→l", .right, "下一级", "in", false),
        b([.pageUp], "PgUp", .pageUp, "上翻", "page up", false),
        b([.pageDown], "PgDn", .pageDown, "下翻", "page down", false),
        b([.home, .char("g")], "Home g", .top, "首行", "first row", false),
        b([.end, .char("G")], "End G", .bottom, "末行", "last row", false),
        b([.tab], "Tab", .nextPane, "切换", "pane", true),
        b([.backTab], "S-Tab", .previousPane, "反向切换", "previous pane", false),
        b([.enter], "Enter", .detail, "详情", "detail", true),
    ] + CaseActionTable.all.map { spec in
        // A note applies nearly everywhere; listed on every status line it would push
        // the filter and command keys off a narrow one; help (?) lists it.
        b([.char(spec.key)], String(spec.key), .act(spec.kind), spec.zh, spec.en, spec.kind != .note)
    } + [
        b([.char("/")], "/", .filter, "筛选", "filter", true),
        b([.char(":")], ":", .command, "命令", "command", true),
        b([.char("O")], "O", .sort, "排序", "sort", false),
        b([.char("F")], "F", .savedFilter, "常用筛选", "saved filter", false),
        b([.char(" ")], "Space", .mark, "标记", "mark", false),
        b([.char("y")], "y", .copy, "复制编号", "copy number", false),
        b([.char("C")], "C", .doneCases, "已结案件", "closed cases", false),
        b([.char("p")], "p", .pause, "暂停", "pause", true),
        b([.char("i")], "i", .indicators, "指标", "indicators", true),
        b([.char("?")], "?", .help, "帮助", "help", true),
        b([.char("q")], "q", .quit, "退出", "quit", true),
    ]

    private static func b(_ keys: [Key], _ label: String, _ action: Action, _ zh: String, _ en: String, _ status: Bool) -> Binding {
        Binding(keys: keys, keyLabel: label, action: action, zh: zh, en: en, inStatusLine: status)
    }

    /// The action bound to a key, if any.
    public static func action(for key: Key, in bindings: [Binding] = console) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// Status-line hints for the bindings that apply now: the actions the selected
    /// case's state allows, then the rest. A case with an early warning has escalation
    /// offered first.
    /// `allowed` says which actions the person may take on the selected case at all.
    static func hints(_ bindings: [Binding], lang: Lang, selected: CaseState?, warned: Bool = false,
                      allowed: (ActionKind) -> Bool = { _ in true }) -> [KeyHint] {
        var hints = bindings.filter { b in
            guard b.inStatusLine else { return false }
            guard let kind = b.action.kind else { return true }
            return (selected.map { kind.applies(in: $0) } ?? false) && allowed(kind)
        }
        // Help comes first, so a narrow status line that drops hints from the end never
        // drops the one that lists all the others.
        if let i = hints.firstIndex(where: { $0.action == .help }) { hints.insert(hints.remove(at: i), at: 0) }
        if warned, let i = hints.firstIndex(where: { $0.action == .act(.escalate) }) {
            var e = hints.remove(at: i)
            e.zh = "提级（预警）"
            e.en = "escalate (warning)"
            hints.insert(e, at: 0)
        }
        return hints.map { KeyHint($0.keyLabel, lang.pick($0.zh, $0.en)) }
    }
}
