extension Model {
    /// Applies a recorded event. Never fails: an event naming something unknown is
    /// counted in `orphanEvents` and otherwise ignored. Returns the index of the case it
    /// reported or changed, if any, so a replay can index the event without looking the
    /// case number up again.
    @discardableResult
    public mutating func apply(_ e: Event) -> Int32? {
        eventCount += 1
        switch e.body {
        case .unitRegistered(let u): applyUnit(u)
        case .agencyRegistered(let a): applyAgency(a)
        case .unitRenamed, .unitRetired, .agencyRenamed, .agencyRetired: applyMaintenance(e.body)
        case .unitMoved(let code, let parent): moveUnit(code, under: parent)
        case .accessDenied(let d): noteDenial(uid: d.uid, at: e.at)
        case .caseReported(let r):
            let before = cases.count
            applyReport(r, at: e.at)
            return cases.count > before ? Int32(before) : nil
        case .warningRaised(let w):
            guard warningEpisodes.insert(w.episode).inserted else { return nil }
            for n in w.cases { warningsByCase[n, default: []].append(warnings.count) }
            warnings.append(w)
            // The episode covers every key of the same rule the triggering report counts
            // under, so the same reporter at the same place is not warned twice.
            if Model.isReportEpisode(w.episode), let last = w.cases.last.flatMap({ self.case($0) }) {
                for key in reportKeys(location: last.location, category: last.category, reporter: last.reporter)
                where key.isHotspot == (w.rule == .hotspot) {
                    lastWarned[key] = max(lastWarning(for: key) ?? last.reportedAt, last.reportedAt)
                }
            }
        default:
            guard let number = e.body.caseNumber, let i = caseIndex[number] else { orphanEvents += 1; return nil }
            // Changed where it lies: a copy would retain and release each of its strings.
            // Looked up field by field: passing the case to a method of the model made the
            // compiler copy the whole model (a retain of each of its tables) once an event.
            var tiers: (owner: Tier?, to: Tier?) = (nil, nil)
            switch e.body {
            case .caseResolved: tiers.owner = unitIndex[cases[Int(i)].owner].map { units[Int($0)].tier }
            case .caseEscalated(_, let to, _): tiers.to = unitIndex[to].map { units[Int($0)].tier }
            default: break
            }
            let limits = self.limits
            Model.mark(&cases[Int(i)], e.body, at: e.at, limits: limits, tiers: tiers)
            Model.transform(&cases[Int(i)], by: e.body, at: e.at)
            cases[Int(i)].version += 1
            refresh(i)
            return i
        }
        return nil
    }

    /// Applies several events in order.
    public mutating func apply(_ events: [Event]) { for e in events { apply(e) } }

    mutating func applyUnit(_ u: Unit) {
        guard unitIndex[u.code] == nil else { orphanEvents += 1; return }
        let i = Int32(units.count)
        var path: [Int32] = [i]
        if let p = u.parent {
            guard let pi = unitIndex[p] else { orphanEvents += 1; return }
            path += ancestors[Int(pi)]
            children[Int(pi)].append(i)
        }
        units.append(u)
        unitIndex[u.code] = i
        if u.parent == nil { roots.append(i) }
        children.append([])
        ancestors.append(path)
        counts.append(UnitCounts())
        queues.append(QueueKind.allCases.map { _ in CaseIndexSet() })
        overdueSets.append(CaseIndexSet())
    }

    /// Renames and retirements change a unit or agency in place: codes, places in the
    /// tree and history stay as they were.
    private mutating func applyMaintenance(_ body: EventBody) {
        switch body {
        case .unitRenamed(let code, let name):
            guard let i = unitIndex[code] else { orphanEvents += 1; return }
            units[Int(i)].name = name
        case .unitRetired(let code, _):
            guard let i = unitIndex[code] else { orphanEvents += 1; return }
            units[Int(i)].retired = true
        case .agencyRenamed(let id, let name, let en):
            guard let i = agencyIndex[id] else { orphanEvents += 1; return }
            agencies[i].name = name
            agencies[i].nameEn = en
        case .agencyRetired(let id, _):
            guard let i = agencyIndex[id] else { orphanEvents += 1; return }
            agencies[i].retired = true
        default:
            break
        }
    }

    /// Moves a unit and its subtree under `parent`: the tree's links and paths change,
    /// then every subtree count and queue is rebuilt (a move is rare; its cases' counts
    /// must leave one ancestor and join another).
    mutating func moveUnit(_ code: String, under parent: String) {
        guard let i = unitIndex[code], let p = unitIndex[parent], let old = units[Int(i)].parent.flatMap({ unitIndex[$0] }) else {
            orphanEvents += 1
            return
        }
        units[Int(i)].parent = parent
        children[Int(old)].removeAll { $0 == i }
        children[Int(p)].append(i)
        var stack = [i]
        while let u = stack.popLast() {
            let up = units[Int(u)].parent.flatMap { unitIndex[$0] }
            ancestors[Int(u)] = [u] + (up.map { ancestors[Int($0)] } ?? [])
            stack.append(contentsOf: children[Int(u)])
        }
        if !projectionsDeferred { rebuildProjections() }
    }

    /// Registers units in any order (a snapshot keeps registration order, and a moved
    /// unit may sit under a parent registered after it): all of them first, then the
    /// links and paths from the roots down. Units whose parent is missing are orphans.
    mutating func restoreUnits(_ list: [Unit]) {
        let total = units.count + list.count
        units.reserveCapacity(total)
        unitIndex.reserveCapacity(total)
        children.reserveCapacity(total)
        ancestors.reserveCapacity(total)
        counts.reserveCapacity(total)
        queues.reserveCapacity(total)
        overdueSets.reserveCapacity(total)
        for u in list where unitIndex[u.code] == nil {
            unitIndex[u.code] = Int32(units.count)
            units.append(u)
            children.append([])
            ancestors.append([])
            counts.append(UnitCounts())
            queues.append(QueueKind.allCases.map { _ in CaseIndexSet() })
            overdueSets.append(CaseIndexSet())
        }
        roots = units.indices.filter { units[$0].parent == nil }.map(Int32.init)
        for (n, u) in units.enumerated() {
            guard let p = u.parent else { continue }
            guard let pi = unitIndex[p] else { orphanEvents += 1; continue }
            children[Int(pi)].append(Int32(n))
        }
        var stack = roots
        for r in roots { ancestors[Int(r)] = [r] }
        while let u = stack.popLast() {
            for c in children[Int(u)] {
                ancestors[Int(c)] = [c] + ancestors[Int(u)]
                stack.append(c)
            }
        }
    }

    /// Keeps the last minute's refusals per account, so that a flood of refused
    /// commands records a few `accessDenied` events and not one each.
    mutating func noteDenial(uid: UInt32, at: Instant) {
        var recent = (recentDenials[uid] ?? []).filter { at.since($0).ms < Model.denialWindow.ms }
        recent.append(at)
        recentDenials[uid] = recent
    }

    private mutating func applyAgency(_ a: Agency) {
        if let i = agencyIndex[a.id] { agencies[i] = a; return }
        agencyIndex[a.id] = agencies.count
        agencies.append(a)
    }

    private mutating func applyReport(_ r: CaseReport, at: Instant) {
        guard caseIndex[r.number] == nil, unitIndex[r.location] != nil else { orphanEvents += 1; return }
        let ordinal = CaseRecord.ordinal(of: r.number) ?? (maxOrdinal + 1)
        maxOrdinal = max(maxOrdinal, ordinal)
        let c = CaseRecord(
            number: r.number, ordinal: ordinal, category: r.category, level: r.level, source: r.source,
            location: r.location, title: r.title, detail: r.detail, reporter: r.reporter, people: r.people,
            externalId: r.externalId, reportedAt: r.reportedAt, recordedAt: at, owner: r.owner, state: .reported,
            lead: nil, assisting: [], dueAt: r.dueAt, supervision: .none, acceptedAt: nil, resolvedAt: nil,
            closedAt: nil, lastVisit: nil, visits: 0, mergedInto: nil, version: 1, escalations: 0)
        insertCase(c)
    }

    /// Adds a case with its indexes and projections; shared by replay and snapshot restore.
    mutating func insertCase(_ c: CaseRecord) {
        cases.append(c)
        // Indexed from the record in hand: reading it back out of the array would copy it.
        indexCase(Int32(cases.count - 1), c)
    }

    /// Indexes and projects `c`, which is at `i` in `cases`.
    private mutating func indexCase(_ i: Int32, _ c: CaseRecord) {
        caseIndex[c.number] = i
        if !c.externalId.isEmpty { externalIds[c.externalId] = i }
        contributions.append(Contribution())
        noteReportTime(ReportTime(at: c.reportedAt.ms, index: i))
        for key in reportKeys(location: c.location, category: c.category, reporter: c.reporter) {
            ReportMark.insert(ReportMark(at: c.reportedAt, caseIndex: i), into: &reportIndex[key, default: []])
        }
        refresh(i)
    }

    /// Keeps `reportTimes` sorted; a new report is nearly always the latest (an append),
    /// and a backdated one moves one chunk.
    mutating func noteReportTime(_ t: ReportTime) { reportTimes.insert(t) }

    /// Records what the indicators count, before the state changes. `tiers`: the
    /// owner's tier, for a resolution, and the target's, for an escalation.
    static func mark(_ c: inout CaseRecord, _ body: EventBody, at: Instant, limits: TimeLimits, tiers: (owner: Tier?, to: Tier?)) {
        switch body {
        case .caseAccepted, .caseDispatched:
            if !c.marks.accepted {
                c.marks.accepted = true
                c.marks.acceptedOnTime = at <= Model.acceptBy(c, limits: limits)
            }
            if case .caseDispatched = body { c.marks.dispatched = true }
        case .caseResolved:
            if !c.marks.resolved {
                c.marks.resolved = true
                c.marks.resolvedOnTime = at <= c.dueAt
                c.marks.resolvedAtTier = tiers.owner
            }
        case .caseClosed:
            c.marks.closed = true
        case .caseEscalated:
            if let t = tiers.to, c.marks.escalatedTo.map({ t < $0 }) ?? true { c.marks.escalatedTo = t }
        default:
            break
        }
    }

    /// The state change each case event makes. Kept free of checks: `decide` did those.
    static func transform(_ c: inout CaseRecord, by body: EventBody, at: Instant) {
        switch body {
        case .caseAccepted:
            c.state = .accepted; c.acceptedAt = at
        case .caseVoided:
            c.state = .voided
        case .caseDispatched(_, let lead, let assisting, let due, _), .caseReassigned(_, let lead, let assisting, let due, _):
            c.state = .dispatched; c.lead = lead; c.assisting = assisting; c.dueAt = due
            if c.acceptedAt == nil { c.acceptedAt = at }
        case .caseSigned:
            c.state = .inProgress
        case .caseReturned:
            c.state = .accepted; c.lead = nil; c.assisting = []
        case .caseEscalated(_, let to, _):
            c.owner = to; c.lead = nil; c.assisting = []; c.escalations += 1
            if c.state != .reported { c.state = .accepted }
        case .caseSentDown(_, let to, _):
            c.owner = to; c.lead = nil; c.assisting = []
            if c.state != .reported { c.state = .accepted }
        case .caseSupervised(_, let level, _):
            c.supervision = max(c.supervision, level)
        case .deadlineExtended(_, let due, _):
            c.dueAt = due
        case .caseResolved:
            c.state = .resolved; c.resolvedAt = at
        case .caseClosed:
            c.state = .closed; c.closedAt = at
        case .followUpRecorded(_, let outcome, _):
            c.visits += 1; c.lastVisit = outcome
            if outcome != .unsatisfied { c.state = .archived }
        case .caseReopened(_, let due, _):
            c.state = .reopened; c.dueAt = due; c.resolvedAt = nil; c.closedAt = nil
            c.supervision = .none
        case .caseMerged(_, let into, _):
            c.state = .merged; c.mergedInto = into
        case .unitRegistered, .agencyRegistered, .caseReported, .warningRaised, .unitRenamed, .unitRetired, .agencyRenamed,
             .agencyRetired, .accessDenied, .unitMoved, .caseNoted:
            break
        }
    }
}
