/// The facts a snapshot keeps of a model. Indexes, subtree counts, queues and deadlines
/// are rebuilt from these on restore, so a snapshot cannot carry a projection that
/// disagrees with its own cases; only the early-warning index travels beside it (see
/// `Model.init(image:policy:reports:)`), because rebuilding it costs most of a restore.
public struct ModelImage: Hashable, Sendable {
    public var units: [Unit]
    public var agencies: [Agency]
    public var cases: [CaseRecord]
    public var warnings: [Warning]
    /// When each repeat/hotspot key last raised a warning.
    public var lastWarned: [ReportKey: Instant]
    public var maxOrdinal: Int
    public var now: Instant
    public var eventCount: Int
    public var orphanEvents: Int

    /// Creates an image from its parts (the snapshot decoder uses this).
    public init(units: [Unit], agencies: [Agency], cases: [CaseRecord], warnings: [Warning],
                lastWarned: [ReportKey: Instant], maxOrdinal: Int, now: Instant, eventCount: Int, orphanEvents: Int) {
        self.units = units; self.agencies = agencies; self.cases = cases; self.warnings = warnings
        self.lastWarned = lastWarned; self.maxOrdinal = maxOrdinal; self.now = now
        self.eventCount = eventCount; self.orphanEvents = orphanEvents
    }
}

extension Model {
    /// The model's facts, for a snapshot.
    public var image: ModelImage {
        ModelImage(units: units, agencies: agencies, cases: cases, warnings: warnings, lastWarned: lastWarned,
                   maxOrdinal: maxOrdinal, now: now, eventCount: eventCount, orphanEvents: orphanEvents)
    }

    /// Rebuilds a model from a snapshot image under `policy`. The caller must only pass
    /// an image made under the same time limits, because the cases' indicator marks
    /// were computed with them.
    /// With `reports`, the early-warning index saved beside the image is used as is.
    public init(image: consuming ModelImage, policy: Policy, reports: [ReportKey: [ReportMark]]? = nil) {
        self.init(policy: policy, now: image.now)
        restoreUnits(image.units)
        for a in image.agencies {
            agencyIndex[a.id] = agencies.count
            agencies.append(a)
        }
        // The cases move in whole; copying them one by one would retain every string twice.
        cases = image.cases
        image.cases = []
        caseIndex.reserveCapacity(capacityWithHeadroom(cases.count))
        externalIds.reserveCapacity(capacityWithHeadroom(cases.lazy.filter { !$0.externalId.isEmpty }.count))
        var times: [ReportTime] = []
        times.reserveCapacity(cases.count)
        for (i, c) in cases.enumerated() {
            caseIndex[c.number] = Int32(i)
            if !c.externalId.isEmpty { externalIds[c.externalId] = Int32(i) }
            times.append(ReportTime(at: c.reportedAt.ms, index: Int32(i)))
        }
        // Sorted in place: `sorted()` would hold a third copy of a million report times
        // at the moment of peak memory.
        times.sort()
        reportTimes = SortedChunks(sorted: times)
        times = []
        rebuildProjections()
        // Snapshots carry the early-warning index (decoded on a second core); without
        // one it is rebuilt from the cases.
        reportIndex = reports ?? buildReportIndex()
        // The warning rules find their window by binary search: keep every key's marks
        // in time order (a snapshot written by an older build may not have them so).
        for key in reportIndex.keys where !ReportMark.isSorted(reportIndex[key] ?? []) { reportIndex[key]?.sort(by: ReportMark.before) }
        // Sized once: growing by doubling holds the old table and the new at the peak.
        warningEpisodes.reserveCapacity(image.warnings.count)
        warningsByCase.reserveCapacity(image.warnings.reduce(0) { $0 + $1.cases.count })
        warnings.reserveCapacity(image.warnings.count)
        for w in image.warnings {
            warningEpisodes.insert(w.episode)
            for n in w.cases { warningsByCase[n, default: []].append(warnings.count) }
            warnings.append(w)
        }
        lastWarned = image.lastWarned
        maxOrdinal = image.maxOrdinal
        eventCount = image.eventCount
        orphanEvents = image.orphanEvents
    }
}

extension Model {
    /// A partial model: the units and agencies, the early-warning state and the case
    /// counter, with every earlier case left in `archive`. Enough to decide and append
    /// new reports without loading a large store's cases.
    public init(partial image: ModelImage, archive: any ReportArchive, policy: Policy) {
        self.init(policy: policy, now: image.now)
        restoreUnits(image.units)
        for a in image.agencies {
            agencyIndex[a.id] = agencies.count
            agencies.append(a)
        }
        lastWarned = image.lastWarned
        maxOrdinal = image.maxOrdinal
        eventCount = image.eventCount
        orphanEvents = image.orphanEvents
        self.archive = archive
    }

    /// The early-warning index of every case, as replay would have built it.
    func buildReportIndex() -> [ReportKey: [ReportMark]] {
        var index: [ReportKey: [ReportMark]] = [:]
        index.reserveCapacity(capacityWithHeadroom(cases.count))
        for (i, c) in cases.enumerated() {
            for key in reportKeys(location: c.location, category: c.category, reporter: c.reporter) {
                index[key, default: []].append(ReportMark(at: c.reportedAt, caseIndex: Int32(i)))
            }
        }
        for key in index.keys where !ReportMark.isSorted(index[key] ?? []) { index[key]?.sort(by: ReportMark.before) }
        return index
    }
}
