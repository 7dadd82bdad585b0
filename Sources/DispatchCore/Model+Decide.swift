extension Model {
    /// Checks a command against the current state and returns the events it produces.
    ///
    /// Pure: the model is not changed. The caller records the events and applies them.
    public func decide(_ command: Command, now: Instant) throws(DomainError) -> [EventBody] {
        switch command {
        case .bySweep(let inner): return try decide(inner, now: now)
        case .registerUnit(let u): return [try decideUnit(u)]
        case .registerAgency(let a): return [try decideAgency(a)]
        case .report(let n):
            let report = try decideReport(n, now: now)
            guard case .caseReported(let r) = report else { return [report] }
            return [report] + warnings(for: r).map(EventBody.warningRaised)
        case .raiseWarning(let w):
            guard !warningEpisodes.contains(w.episode) else { throw .duplicate("warning \(w.episode)") }
            for n in w.cases where caseIndex[n] == nil { throw .unknownCase(n) }
            return [.warningRaised(w)]
        case .renameUnit, .retireUnit, .renameAgency, .retireAgency, .moveUnit:
            return [try decideMaintenance(command)]
        case .recordDenial(let d):
            // A few a minute per account, as for refusals met while deciding.
            return recordsDenial(uid: d.uid, at: now) ? [.accessDenied(d)] : []
        case .act(let action, let number, let expected):
            guard let i = caseIndex[number] else { throw .unknownCase(number) }
            let c = cases[Int(i)]
            if let expected, expected != c.version {
                throw .conflict(case: number, expected: expected, actual: c.version)
            }
            return try decide(action, on: c, now: now)
        }
    }

    private func decideUnit(_ u: Unit) throws(DomainError) -> EventBody {
        guard Unit.isValidCode(u.code) else {
            throw .invalidUnit(code: String(u.code.prefix(40)), reason: "codes are 1-32 letters, digits or '-'")
        }
        guard unitIndex[u.code] == nil else { throw .duplicate(u.code) }
        try FieldLimits.check(u.name, field: "unit name", limit: FieldLimits.name, required: true)
        if let p = u.parent {
            guard let parent = unit(p) else { throw .invalidUnit(code: u.code, reason: "parent '\(p)' is not registered") }
            if let r = retiredUnit(over: parent.code) { throw .retired("unit \(r.code) (\(r.name)) is retired and takes no new units") }
            guard parent.tier.depth == u.tier.depth - 1 else {
                throw .invalidUnit(code: u.code, reason: "a \(u.tier.rawValue) cannot sit under a \(parent.tier.rawValue)")
            }
        } else if u.tier != .city {
            throw .invalidUnit(code: u.code, reason: "only a city may have no parent")
        }
        return .unitRegistered(u)
    }

    private func decideAgency(_ a: Agency) throws(DomainError) -> EventBody {
        guard Unit.isValidCode(a.id), a.id.first?.isLetter == true else {
            throw .invalidUnit(code: String(a.id.prefix(40)), reason: "agency ids are letters, digits or '-', starting with a letter")
        }
        guard agencyIndex[a.id] == nil else { throw .duplicate(a.id) }
        try FieldLimits.check(a.name, field: "agency name", limit: FieldLimits.name, required: true)
        return .agencyRegistered(a)
    }

    /// The unit, or the nearest above it, that is retired: a retired unit's whole
    /// subtree takes nothing new.
    public func retiredUnit(over code: String) -> Unit? {
        // Every report asks this: by index, since looking each code up again cost more
        // than the rest of deciding it, and in a plain loop, since a lazy map's closure
        // captured a copy of the whole model (a retain and release of every table).
        guard let u = unitIndex[code] else { return nil }
        for a in ancestors[Int(u)] where units[Int(a)].retired { return units[Int(a)] }
        return nil
    }

    /// Renames and retirements of units and agencies (the admin's maintenance).
    private func decideMaintenance(_ command: Command) throws(DomainError) -> EventBody {
        switch command {
        case .renameUnit(let code, let name):
            guard unit(code) != nil else { throw .unknownUnit(code) }
            try FieldLimits.check(name, field: "unit name", limit: FieldLimits.name, required: true)
            return .unitRenamed(code: code, name: name)
        case .moveUnit(let code, let parent):
            guard let u = unit(code) else { throw .unknownUnit(code) }
            guard let p = unit(parent) else { throw .unknownUnit(parent) }
            guard u.parent != nil else { throw .invalidTarget("the root unit \(code) cannot be moved") }
            guard u.parent != parent else { throw .invalidTarget("\(code) is already under \(parent)") }
            guard p.tier.depth == u.tier.depth - 1 else {
                throw .invalidUnit(code: code, reason: "a \(u.tier.rawValue) cannot sit under a \(p.tier.rawValue)")
            }
            if let r = retiredUnit(over: parent) { throw .retired("unit \(r.code) (\(r.name)) is retired and takes no new units") }
            return .unitMoved(code: code, parent: parent)
        case .retireUnit(let code, let reason):
            guard let u = unit(code) else { throw .unknownUnit(code) }
            guard !u.retired else { throw .retired("unit \(code) (\(u.name)) is already retired") }
            guard u.parent != nil else { throw .invalidTarget("the root unit \(code) cannot be retired") }
            try FieldLimits.check(reason, field: "reason", limit: FieldLimits.note, required: true)
            return .unitRetired(code: code, reason: reason)
        case .renameAgency(let id, let name, let en):
            guard agency(id) != nil else { throw .unknownAgency(id) }
            try FieldLimits.check(name, field: "agency name", limit: FieldLimits.name, required: true)
            try FieldLimits.check(en, field: "agency English name", limit: FieldLimits.name)
            return .agencyRenamed(id: id, name: name, nameEn: en)
        case .retireAgency(let id, let reason):
            guard let a = agency(id) else { throw .unknownAgency(id) }
            guard !a.retired else { throw .retired("agency \(id) (\(a.name)) is already retired") }
            try FieldLimits.check(reason, field: "reason", limit: FieldLimits.note, required: true)
            return .agencyRetired(id: id, reason: reason)
        default:
            throw .invalidTarget("not a maintenance command")
        }
    }

    private func decideReport(_ n: NewCase, now: Instant) throws(DomainError) -> EventBody {
        guard let owner = centre(for: n.location) else { throw .unknownUnit(n.location) }
        if let r = retiredUnit(over: n.location) { throw .retired("unit \(r.code) (\(r.name)) is retired and takes no new cases") }
        try FieldLimits.check(n.title, field: "title", limit: FieldLimits.title, required: true)
        try FieldLimits.check(n.detail, field: "detail", limit: FieldLimits.detail)
        try FieldLimits.check(n.reporter, field: "reporter", limit: FieldLimits.reporter)
        try FieldLimits.check(n.externalId, field: "external id", limit: FieldLimits.externalId)
        guard (0...FieldLimits.people).contains(n.people) else {
            throw .outOfRange(field: "people", detail: "\(n.people) is not between 0 and \(FieldLimits.people)")
        }
        if !n.externalId.isEmpty, let existing = caseNumber(forExternalId: n.externalId) {
            throw .duplicate("external id \(n.externalId) (case \(existing))")
        }
        let reportedAt = n.reportedAt ?? now
        guard reportedAt <= now.adding(.minutes(5)) else {
            throw .outOfRange(field: "reported_at", detail: "\(reportedAt.iso8601) is in the future")
        }
        return .caseReported(CaseReport(
            number: CaseRecord.number(forOrdinal: maxOrdinal + 1), category: n.category, level: n.level,
            source: n.source, location: n.location, title: n.title, detail: n.detail, reporter: n.reporter,
            people: n.people, externalId: n.externalId, reportedAt: reportedAt, owner: owner,
            acceptBy: reportedAt.adding(limits.acceptLimit(n.level)),
            dueAt: reportedAt.adding(limits.resolveLimit(n.level))))
    }

    /// Throws unless the case is in one of `states`.
    func require(_ c: CaseRecord, _ action: CaseAction) throws(DomainError) {
        guard action.kind.applies(in: c.state) else { throw .invalidTransition(case: c.number, action: action.verb, state: c.state) }
    }

    func checkAssignee(_ a: Assignee) throws(DomainError) {
        switch a {
        case .centre(let code):
            guard let u = unit(code) else { throw .unknownUnit(code) }
            guard u.hasCentre else { throw .invalidTarget("\(code) is a grid cell and has no centre to dispatch to") }
            if let r = retiredUnit(over: code) { throw .retired("unit \(r.code) (\(r.name)) is retired and takes no new cases") }
        case .agency(let id):
            guard let a = agency(id) else { throw .unknownAgency(id) }
            guard !a.retired else { throw .retired("agency \(id) (\(a.name)) is retired and is dispatched nothing new") }
        }
    }

    func checkDispatch(_ lead: Assignee, _ assisting: [Assignee], _ due: Instant, now: Instant) throws(DomainError) {
        try checkAssignee(lead)
        for a in assisting { try checkAssignee(a) }
        guard !assisting.contains(lead) else { throw .invalidTarget("the lead unit cannot also assist") }
        guard Set(assisting).count == assisting.count else { throw .invalidTarget("an assisting unit is listed twice") }
        guard due > now else { throw .invalidDeadline("due time \(due.iso8601) is not in the future") }
    }
}
