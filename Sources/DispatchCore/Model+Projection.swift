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

    /// Recomputes one case's contribution and moves it between counts and queues.
    mutating func refresh(_ i: Int32) {
        let c = cases[Int(i)]
        let new = Model.contribution(c, at: now, limits: limits)
        let old = contributions[Int(i)]
        guard let loc = unitIndex[c.location] else { return }
        if new != old {
            for u in ancestors[Int(loc)] {
                counts[Int(u)].add(old, -1)
                counts[Int(u)].add(new, +1)
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
            deadlines = DeadlineHeap()
            for i in cases.indices { refresh(Int32(i)) }
            return
        }
        now = t
        while let top = deadlines.top, top.at <= t.ms {
            deadlines.pop()
            refresh(top.index)
        }
    }

    /// Replaces the time limits and recomputes every deadline-driven projection.
    public mutating func setLimits(_ l: TimeLimits) {
        limits = l
        deadlines = DeadlineHeap()
        for i in cases.indices { refresh(Int32(i)) }
    }
}
