import DispatchCore
import TerminalUI

/// The `:` command line.
enum CommandLine {
    static func unknownFilter(_ s: inout ConsoleState, _ name: String) {
        ConsoleUpdate.say(&s, s.lang.pick("没有名为 \(name) 的筛选（@mine、@red、@overdue、@new）", "no filter called \(name) (@mine, @red, @overdue, @new)"), error: true)
    }

    static func find(_ s: inout ConsoleState, _ query: String, model: Model) -> [Effect] {
        let found = CaseSearch.find(query, model: model, access: s.access)
        switch found.count {
        case 0:
            ConsoleUpdate.say(&s, s.lang.pick("没有找到与 \(query) 相符的案件", "no case matches \(query)"), error: true)
            return []
        case 1:
            let number = model.cases[Int(found[0])].number
            s.overlay = .detail(number: number, timeline: nil)
            return [.loadTimeline(number)]
        default:
            s.overlay = .found(query: query, picker: CaseSearch.picker(found, model: model, lang: s.lang))
            return []
        }
    }

    /// `:goto` takes a unit code, a unit name, or a case number (`48`, `GW000048`):
    /// a case opens in the detail, whatever its state, so a closed or archived case
    /// can still be reopened from there.
    static func goto(_ s: inout ConsoleState, _ arg: String, model: Model) -> [Effect] {
        guard !arg.isEmpty else {
            ConsoleUpdate.say(&s, s.lang.pick("goto 后面写单位代码、名称或案件编号", "goto needs a unit code, a unit name or a case number"), error: true)
            return []
        }
        let number = CaseNumber.normalise(arg)
        if model.unit(arg) == nil, let c = model.case(number) {
            guard s.access?.canSee(c, in: model) ?? true else {
                ConsoleUpdate.say(&s, s.lang.pick("\(c.number) 不在您的辖区内", "\(c.number) is outside the units you may view"), error: true)
                return []
            }
            s.overlay = .detail(number: c.number, timeline: nil)
            return [.loadTimeline(c.number)]
        }
        // An exact name, else the start of one (`西岗` for 西岗区).
        let exact = model.units.filter { $0.name == arg }
        let named = exact.isEmpty ? model.units.filter { $0.name.hasPrefix(arg) } : exact
        let code = model.unit(arg)?.code ?? (named.count == 1 ? named[0].code : nil)
        guard let code else {
            // Each with the places above it, so the eighteen 金华社区 can be told apart.
            let many = named.prefix(5).map { "\(Pickers.label($0, model: model)) (\($0.code))" }
            ConsoleUpdate.say(&s, named.count > 1
                ? s.lang.pick("有 \(named.count) 个单位与 \(arg) 相符：\(many.joined(separator: "，"))", "\(named.count) units match \(arg): \(many.joined(separator: ", "))")
                : s.lang.pick("没有代码或名称为 \(arg) 的单位，也没有编号为 \(arg) 的案件", "no unit with the code or name \(arg), and no case \(arg)"), error: true)
            return []
        }
        if !GridNavigation.goto(&s, code: code, model: model) {
            ConsoleUpdate.say(&s, s.lang.pick("\(arg) 不在您的辖区内", "\(arg) is outside the units you may view"), error: true)
        }
        return []
    }

    static func run(_ s: inout ConsoleState, _ text: String, model: Model) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        guard let verb = words.first else { return [] }
        let arg = words.dropFirst().joined(separator: " ")
        switch verb {
        case "goto", "g": return goto(&s, arg, model: model)
        case "find", "f": return find(&s, arg, model: model)
        case "theme": return arg.isEmpty ? [] : [.setTheme(arg)]
        case "filter":
            guard s.focus != .grid else { ConsoleUpdate.say(&s, s.lang.pick("请先选中一个案件列表", "focus a case pane first"), error: true); return [] }
            if let unknown = SavedFilter.parse(arg).unknown {
                unknownFilter(&s, unknown)
                return []
            }
            s.filters[s.focus] = arg.isEmpty ? nil : arg
        case "sort":
            guard s.focus != .grid, let sort = PaneSort.allCases.first(where: { $0.configName == arg }) else {
                ConsoleUpdate.say(&s, s.lang.pick("sort 后面写 newest、level、deadline 或 oldest（先选中案件列表）",
                                                  "sort takes newest, level, deadline or oldest (with a case pane focused)"), error: true)
                return []
            }
            PaneTools.setSort(&s, sort, model: model)
        case "lang":
            guard let l = Lang(rawValue: arg) else { ConsoleUpdate.say(&s, "lang: zh or en", error: true); return [] }
            s.lang = l
        case "q", "quit": return [.quit]
        default:
            ConsoleUpdate.say(&s, s.lang.pick("未知命令 '\(verb)'（goto 代码|名称|案件、find 文字、filter @名称|文字、sort 顺序、theme 名称、lang zh|en、q；Tab 补全）",
                                              "unknown command '\(verb)' (goto CODE|NAME|CASE, find TEXT, filter @NAME|TEXT, sort ORDER, theme NAME, lang zh|en, q; Tab completes)"), error: true)
        }
        return []
    }
}
