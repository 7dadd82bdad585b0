import DispatchCore

/// The domain's refusals in the console's language. English is the domain's own text;
/// Chinese names the problem the same way, keeping any detail the domain gave.
public enum DomainText {
    /// `e` as the officer reads it in `l`.
    public static func describe(_ e: DomainError, _ l: Lang) -> String {
        guard l == .zh else { return e.description }
        switch e {
        case .unknownUnit(let c): return "没有代码为 \(c) 的单位"
        case .unknownAgency(let a): return "没有名为 \(a) 的部门或中心"
        case .unknownCase(let n): return "没有编号为 \(n) 的案件"
        case .invalidTransition(let c, let verb, let state):
            let action = ActionKind.allCases.first { $0.verb == verb }.map { CaseActionTable.spec($0).zh } ?? verb
            return "无法\(action) \(c)：案件\(state.zh)"
        case .emptyField(let f): return "\(field(f))不能为空"
        case .fieldTooLong(let f, let n): return "\(field(f))过长（上限 \(n)）"
        case .outOfRange(let f, let d): return "\(field(f))超出范围：\(d)"
        case .invalidUnit(let c, let r): return "单位 \(c) 无效：\(r)"
        case .duplicate(let c): return "\(c) 已存在"
        case .conflict(let c, let expected, let actual): return "案件 \(c) 已被他人更改（版本 \(expected)，现为 \(actual)），请刷新后重试"
        case .invalidDeadline(let d): return "期限无效：\(d)"
        case .invalidTarget(let d): return "目标无效：\(d)"
        case .alreadySupervised(let c, let level): return "案件 \(c) 已是\(level.zh)"
        case .invalidIntake(let d): return "告警格式错误：\(d)"
        case .accessDenied(let d): return "无权操作：\(d)"
        case .retired(let d): return "已停用：\(d)"
        }
    }

    /// Field names as the domain writes them, in Chinese.
    private static func field(_ f: String) -> String {
        ["title": "标题", "detail": "详情", "reporter": "上报人", "note": "备注", "reason": "原因", "external id": "外部编号",
         "people": "涉及人数", "due": "期限"][f] ?? f
    }
}
