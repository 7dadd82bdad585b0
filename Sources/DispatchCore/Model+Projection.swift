extension Model {
    /// What a case contributes to its units' counts at time `t`.
    static func contribution(_ c: CaseRecord, at t: Instant, limits: TimeLimits) -> Contribution {
        var k = Contribution()
        k.level = c.level
        k.open = c.state.isOpen
        k.unaccepted = c.state == .reported
        k.inHand = c.state.isInHand || c.state == .resolved
        k.followUp = c.state == .closed
        k.queue = QueueKind.of(c.state)
        if k.unaccepted {
            k.overdue = t > c.reportedAt.adding(limits.acceptLimit(c.level))
        } else if c.state.isInHand {
            k.overdue = t > c.dueAt
        }
        if k.followUp, let done = c.resolvedAt ?? c.closedAt {
            k.followUpOverdue = t > done.adding(limits.followUp)
        }
        return k
    }

    /// The next moment after `t` at which the case's contribution changes by time alone.
    static func nextDeadline(_ c: CaseRecord, after t: Instant, limits: TimeLimits) -> Instant? {
        let d: Instant?
        switch c.state {
        case .reported: d = c.reportedAt.adding(limits.acceptLimit(c.level))
        case .accepted, .dispatched, .inProgress, .reopened: d = c.dueAt
        case .closed: d = (c.resolvedAt ?? c.closedAt).map { $0.adding(limits.followUp) }
        default: d = nil
        }
        guard let d, d >= t else { return nil }
        return d
    }

    /// Stops keeping the counts, queues and deadlines while many events are applied in
    /// a row (a replay from the start): moving each case through the sorted queues of
    /// five tiers once an event is most of a replay's cost, and one pass at the end
    /// gives the same projections. Nothing may read them until `resumeProjections`.
    public mutating func deferProjections() { projectionsDeferred = true }

    /// Builds the projections deferred since `deferProjections`.
    public mutating func resumeProjections() {
        guard projectionsDeferred else { return }
        projectionsDeferred = false
        rebuildProjections()
    }

    /// Recomputes one case's contribution and moves it between counts and queues.
    mutating func refresh(_ i: Int32) {
        guard !projectionsDeferred else { return }
        let c = cases[Int(i)]
        let new = Model.contribution(c, at: now, limits: limits)
        let old = contributions[Int(i)]
        guard let loc = unitIndex[c.location] else { return }
        if new != old {
            for u in ancestors[Int(loc)] {
                counts[Int(u)].add(old, -1)
                counts[Int(u)].add(new, +1)
            }
            if new.overdue != old.overdue {
                for u in ancestors[Int(loc)] {
                    if new.overdue { overdueSets[Int(u)].insert(i) } else { overdueSets[Int(u)].remove(i) }
                }
            }
            if new.queue != old.queue {
                for u in ancestors[Int(loc)] {
                    if let q = old.queue { queues[Int(u)][q.rawValue].remove(i) }
                    if let q = new.queue { queues[Int(u)][q.rawValue].insert(i) }
                }
            }
            contributions[Int(i)] = new
        }
        if let d = Model.nextDeadline(c, after: now, limits: limits) {
            // Deadlines are compared with `>`, so the status flips one millisecond after `d`.
            deadlines.push(d.ms + 1, i)
        }
    }

    /// Brings the time-dependent projections (overdue counts) up to `t`.
    ///
    /// Costs the number of deadlines that passed, not the number of cases. Moving
    /// backwards (only tests do) recomputes everything.
    public mutating func advance(to t: Instant) {
        if t < now {
            now = t
            rebuildProjections()
            return
        }
        now = t
        while let top = deadlines.top, top.at <= t.ms {
            deadlines.pop()
            refresh(top.index)
        }
    }

    /// Recomputes every contribution, subtree count, queue and deadline in one pass over
    /// the cases and one over the units: what a snapshot restore or a change of limits
    /// needs, without the per-case bookkeeping of `refresh`.
    mutating func rebuildProjections() {
        var contribs: [Contribution] = []
        contribs.reserveCapacity(capacityWithHeadroom(cases.count))
        var local = [UnitCounts](repeating: UnitCounts(), count: units.count)
        var queued = [[[Int32]]](repeating: QueueKind.allCases.map { _ in [] }, count: units.count)
        var overdue = [[Int32]](repeating: [], count: units.count)
        var due: [(at: Int64, index: Int32)] = []
        for (n, c) in cases.enumerated() {
            let i = Int32(n)
            let k = Model.contribution(c, at: now, limits: limits)
            contribs.append(k)
            if let d = Model.nextDeadline(c, after: now, limits: limits) { due.append((d.ms + 1, i)) }
            guard let loc = unitIndex[c.location] else { continue }
            local[Int(loc)].add(k, +1)
            if let q = k.queue { for u in ancestors[Int(loc)] { queued[Int(u)][q.rawValue].append(i) } }
            if k.overdue { for u in ancestors[Int(loc)] { overdue[Int(u)].append(i) } }
        }
        // Deepest units first, so each subtree is complete before it joins its parent
        // (registration order will not do: a moved unit may sit under a later one).
        for u in units.indices.sorted(by: { ancestors[$0].count > ancestors[$1].count }) where ancestors[u].count > 1 {
            local[Int(ancestors[u][1])].add(local[u])
        }
        contributions = contribs
        counts = local
        // Each unit's lists are let go as soon as they are chunked, so the two copies of
        // every queue never coexist (a few megabytes of peak memory at 1M events).
        var sets: [[CaseIndexSet]] = []
        sets.reserveCapacity(queued.count)
        for u in queued.indices {
            sets.append(queued[u].map { CaseIndexSet(sorted: $0) })
            queued[u] = []
        }
        queues = sets
        var late: [CaseIndexSet] = []
        late.reserveCapacity(overdue.count)
        for u in overdue.indices {
            late.append(CaseIndexSet(sorted: overdue[u]))
            overdue[u] = []
        }
        overdueSets = late
        deadlines = DeadlineHeap(heapifying: due)
    }
}
