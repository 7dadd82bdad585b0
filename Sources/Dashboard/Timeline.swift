import DispatchCore

/// One readable line per event, for the case detail and the handover.
enum Timeline {
    /// `offset`: the local time zone's, for the times in the line (as the detail's others).
    static func describe(_ body: EventBody, model: Model, lang l: Lang, offset: Int) -> String {
        let name = { (code: String) in model.unit(code)?.name ?? code }
        let time = { (t: Instant) in Format.shortTime(t, offset: offset) }
        switch body {
        case .caseReported(let r): return l.pick("上报 ", "reported ") + l.label(r.source)
        case .caseAccepted: return l.pick("受理", "accepted")
        case .caseVoided(_, let why): return l.pick("作废：", "voided: ") + why
        case .caseDispatched(_, let lead, let assist, let due, let note), .caseReassigned(_, let lead, let assist, let due, let note):
            let verb = body.type == .caseDispatched ? l.pick("交办 ", "dispatched to ") : l.pick("改派 ", "reassigned to ")
            let helpers = assist.map { Format.assignee($0, model: model, lang: l) }.joined(separator: "、")
            return verb + Format.assignee(lead, model: model, lang: l) + (helpers.isEmpty ? "" : l.pick(" 协办 ", " with ") + helpers)
                + l.pick(" 期限 ", " due ") + time(due) + (note.isEmpty ? "" : " · " + note)
        case .caseSigned: return l.pick("签收", "signed")
        case .caseReturned(_, let why): return l.pick("退单：", "returned: ") + why
        case .caseEscalated(_, let to, let why): return l.pick("提级至 ", "escalated to ") + name(to) + " · " + why
        case .caseSentDown(_, let to, let why): return l.pick("下派至 ", "sent down to ") + name(to) + " · " + why
        case .caseSupervised(_, let level, let note): return l.pick("督办 ", "supervised ") + l.label(level) + (note.isEmpty ? "" : " · " + note)
        case .deadlineExtended(_, let due, let why): return l.pick("延期至 ", "extended to ") + time(due) + " · " + why
        case .caseResolved(_, let note): return l.pick("办结", "resolved") + (note.isEmpty ? "" : " · " + note)
        case .caseClosed: return l.pick("核查结案", "verified and closed")
        case .followUpRecorded(_, let o, let note): return l.pick("回访 ", "visit ") + l.label(o) + (note.isEmpty ? "" : " · " + note)
        case .caseReopened(_, _, let why): return l.pick("重新办理：", "reopened: ") + why
        case .caseMerged(_, let into, _): return l.pick("并入 ", "merged into ") + into
        case .caseNoted(_, let note): return l.pick("备注：", "note: ") + note
        case .warningRaised(let w): return l.pick("预警 ", "warning ") + l.label(w.rule)
        case .accessDenied(let d): return l.pick("拒绝 ", "refused ") + d.action + " · " + d.reason
        case .unitRegistered, .agencyRegistered, .unitRenamed, .unitRetired, .agencyRenamed, .agencyRetired, .unitMoved:
            return body.type.rawValue
        }
    }
}
