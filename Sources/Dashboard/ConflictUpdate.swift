import DispatchCore

/// What the console does when another console changed a case under the officer's
/// action: say who did what and when, keep the form (and its text) when the action
/// still applies, and call the work done when someone already did it.
enum ConflictUpdate {
    static func handle(_ s: inout ConsoleState, _ c: CaseConflict, model: Model) {
        let change = describe(c, s)
        if c.changed == c.attempted {
            if isAbout(s.overlay, c.number) { s.overlay = .none }
            ConsoleUpdate.say(&s, s.lang.pick("\(change)，无需重复操作", "\(change): already done, nothing more to do"))
            return
        }
        if case .form(var f) = s.overlay, f.number == c.number, let now = model.case(c.number), f.kind.applies(in: now.state) {
            f.version = now.version
            f.error = s.lang.pick("\(change)；表单已保留，按 Enter 继续", "\(change); form kept: Enter goes ahead")
            s.overlay = .form(f)
            ConsoleUpdate.say(&s, change, error: true)
            return
        }
        if isAbout(s.overlay, c.number) { s.overlay = .none }
        let attempted = CaseActionTable.spec(c.attempted)
        ConsoleUpdate.say(&s, s.lang.pick("\(change)，您的\(attempted.zh)未记录（已刷新）", "\(change): your \(attempted.en) was not recorded (view refreshed)"), error: true)
    }

    /// `GW000002 was accepted by li.ming at 09:14`.
    static func describe(_ c: CaseConflict, _ s: ConsoleState) -> String {
        let who = ActorName.parse(c.actor).name
        let time = Format.clock(c.at, offset: s.utcOffsetSeconds)
        guard let k = c.changed else {
            return s.lang.pick("\(c.number) 已由 \(who) 于 \(time) 更新", "\(c.number) was changed by \(who) at \(time)")
        }
        let spec = CaseActionTable.spec(k)
        return s.lang.pick("\(c.number) 已由 \(who) 于 \(time) \(spec.zh)", "\(c.number) was \(spec.doneEn) by \(who) at \(time)")
    }

    private static func isAbout(_ overlay: Overlay, _ number: String) -> Bool {
        switch overlay {
        case .form(let f): f.number == number
        case .picker(let p): p.number == number
        default: false
        }
    }
}
