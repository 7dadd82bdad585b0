import DispatchCore

/// The console's language. Codes (GW000001, 210203, housing) never change; labels do.
public enum Lang: String, CaseIterable, Sendable {
    case zh, en

    /// Chinese when the locale says so (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    public static func fromLocale(_ env: [String: String]) -> Lang {
        let value = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? env["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return value.lowercased().hasPrefix("zh") ? .zh : .en
    }

    /// Picks the label for this language.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// The label of a coded value.
    public func label<T: CodedValue>(_ v: T) -> String { self == .zh ? v.zh : v.en }
}

/// Interface words, in one place so both languages stay complete.
enum Words {
    static func alerts(_ l: Lang) -> String { l.pick("告警", "Alerts") }
    static func dispatch(_ l: Lang) -> String { l.pick("交办", "Dispatch") }
    static func followUps(_ l: Lang) -> String { l.pick("回访", "Follow-ups") }
    static func title(_ l: Lang) -> String { l.pick("综治中心", "Governance centre") }
    static func live(_ l: Lang) -> String { l.pick("实时", "LIVE") }
    static func paused(_ l: Lang) -> String { l.pick("已暂停", "PAUSED") }
    static func stale(_ l: Lang) -> String { l.pick("数据陈旧", "STALE") }
    static func events(_ l: Lang) -> String { l.pick("事件", "events") }
    static func empty(_ l: Lang) -> String { l.pick("（无）", "(none)") }
    static func overdue(_ l: Lang) -> String { l.pick("超期", "overdue") }
    static func open(_ l: Lang) -> String { l.pick("在办", "open") }
    static func left(_ l: Lang) -> String { l.pick("剩", "left") }
}
