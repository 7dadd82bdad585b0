extension Model {
    /// The lifecycle rules: what each action records, once `ActionKind`'s table allows it.
    func decide(_ action: CaseAction, on c: CaseRecord, now: Instant) throws(DomainError) -> [EventBody] {
        let n = c.number
        switch action {
        case .accept(let note):
            try require(c, action); try checkNote(note)
            return [.caseAccepted(case: n, note: note)]
        case .void(let reason):
            try require(c, action); try checkReason(reason)
            return [.caseVoided(case: n, reason: reason)]
        case .dispatch(let lead, let assisting, let due, let note):
            try require(c, action); try checkNote(note)
            let dueAt = due ?? max(c.dueAt, now.adding(.minutes(1)))
            try checkDispatch(lead, assisting, dueAt, now: now)
            return [.caseDispatched(case: n, lead: lead, assisting: assisting, dueAt: dueAt, note: note)]
        case .sign(let note):
            try require(c, action); try checkNote(note)
            return [.caseSigned(case: n, note: note)]
        case .return(let reason):
            try require(c, action); try checkReason(reason)
            return [.caseReturned(case: n, reason: reason)]
        case .reassign(let lead, let assisting, let due, let reason):
            try require(c, action); try checkReason(reason)
            let dueAt = due ?? max(c.dueAt, now.adding(.minutes(1)))
            try checkDispatch(lead, assisting, dueAt, now: now)
            return [.caseReassigned(case: n, lead: lead, assisting: assisting, dueAt: dueAt, reason: reason)]
        case .escalate(let reason):
            try require(c, action); try checkReason(reason)
            guard let parent = unit(c.owner)?.parent else {
                throw .invalidTarget("case \(n) is already at the top tier (\(c.owner)) and cannot be escalated")
            }
            return [.caseEscalated(case: n, to: parent, reason: reason)]
        case .sendDown(let to, let reason):
            try require(c, action); try checkReason(reason)
            guard let target = unit(to) else { throw .unknownUnit(to) }
            guard target.hasCentre, to != c.owner, isWithin(to, c.owner) else {
                throw .invalidTarget("\(to) is not a centre below the case's owner \(c.owner)")
            }
            if let r = retiredUnit(over: to) { throw .retired("unit \(r.code) (\(r.name)) is retired and takes no new cases") }
            return [.caseSentDown(case: n, to: to, reason: reason)]
        case .supervise(let level, let note):
            try require(c, action); try checkNote(note)
            guard level != .none else { throw .outOfRange(field: "supervision level", detail: "use normal, yellow or red") }
            guard level > c.supervision else { throw .alreadySupervised(case: n, level: c.supervision) }
            return [.caseSupervised(case: n, level: level, note: note)]
        case .extend(let due, let reason):
            try require(c, action); try checkReason(reason)
            guard due > c.dueAt, due > now else {
                throw .invalidDeadline("\(due.iso8601) is not later than the current due time \(c.dueAt.iso8601)")
            }
            return [.deadlineExtended(case: n, dueAt: due, reason: reason)]
        case .resolve(let note):
            try require(c, action); try checkNote(note)
            return [.caseResolved(case: n, note: note)]
        case .close(let note):
            try require(c, action); try checkNote(note)
            return [.caseClosed(case: n, note: note)]
        case .visit(let outcome, let note):
            try require(c, action); try checkNote(note)
            let visit = EventBody.followUpRecorded(case: n, outcome: outcome, note: note)
            guard outcome == .unsatisfied else { return [visit] }
            let due = now.adding(limits.resolveLimit(c.level))
            return [visit, .caseReopened(case: n, dueAt: due, reason: "unsatisfied follow-up visit")]
        case .reopen(let reason):
            try require(c, action); try checkReason(reason)
            return [.caseReopened(case: n, dueAt: now.adding(limits.resolveLimit(c.level)), reason: reason)]
        case .merge(let into, let note):
            try require(c, action); try checkNote(note)
            guard let target = self.case(into) else { throw .unknownCase(into) }
            guard target.number != n, target.state.isOpen else {
                throw .invalidTarget("cannot merge \(n) into \(into): the target must be another open case")
            }
            return [.caseMerged(case: n, into: into, note: note)]
        case .note(let text):
            try require(c, action)
            try FieldLimits.check(text, field: "note", limit: FieldLimits.note, required: true)
            return [.caseNoted(case: n, note: text)]
        }
    }

    private func checkNote(_ s: String) throws(DomainError) {
        try FieldLimits.check(s, field: "note", limit: FieldLimits.note)
    }

    private func checkReason(_ s: String) throws(DomainError) {
        try FieldLimits.check(s, field: "reason", limit: FieldLimits.note, required: true)
    }
}
