import DispatchCore

/// One readable line per event, for the case detail and the handover.
enum Timeline {
    /// `offset`: the local time zone's, for the times in the line (as the detail's others);
    /// `recordedAt`: when the event was recorded, so a report recorded late says when it
    /// happened.
    static func describe(_ body: EventBody, model: Model, lang l: Lang, offset: Int, recordedAt: Instant? = nil) -> String {
        let name = { (code: String) in model.unit(code)?.name ?? code }
        let time = { (t: Instant) in Format.shortTime(t, offset: offset) }
        switch body {
        case .caseReported(let r):
            let happened = recordedAt.map { $0.ms - r.reportedAt.ms > 60_000 } == true
                ? l.pick("（发生于 ", " (happened ") + time(r.reportedAt) + l.pick("）", ")") : ""
            return l.pick("上报 ", "reported ") + l.label(r.source) + happened
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
        case .caseSupervised(_, let level, let note):
            let said = sweepNote(note, lang: l, time: time) ?? note
            return l.pick("督办 ", "supervised ") + l.label(level) + (said.isEmpty ? "" : " · " + said)
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

    /// The note the sweep writes on a card (see `OverdueNote`), in the console's
    /// language with a local time; nil for any other note, which is shown as written.
    static func sweepNote(_ note: String, lang l: Lang, time: (Instant) -> String) -> String? {
        guard let n = OverdueNote(parsing: note) else { return nil }
        return (n.acceptance ? l.pick("超期未受理（受理时限 ", "overdue for acceptance (accept by ")
                             : l.pick("超期未办结（办结时限 ", "overdue for resolution (due ")) + time(n.deadline) + l.pick("）", ")")
    }
}
