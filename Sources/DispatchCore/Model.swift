import Foundation

/// The whole in-memory model: units, agencies, cases and their projections.
///
/// Built by applying events in log order. `apply` never refuses an event (events are
/// facts); `decide` is where commands are checked. Projections (subtree counts, queues)
/// are updated incrementally, so applying one event costs what it touches.
public struct Model: Sendable {
    /// Units in registration order.
    public internal(set) var units: [Unit] = []
    var unitIndex: [String: Int32] = [:]
    /// Child unit indices of each unit, in registration order.
    public internal(set) var children: [[Int32]] = []
    /// Each unit's index path from itself up to the root.
    var ancestors: [[Int32]] = []
    /// Agencies in registration order.
    public internal(set) var agencies: [Agency] = []
    var agencyIndex: [String: Int] = [:]
    /// Cases in report order.
    public internal(set) var cases: [CaseRecord] = []
    var caseIndex = CaseNumberIndex()
    var externalIds: [String: Int32] = [:]
    var contributions: [Contribution] = []
    /// Subtree counts per unit index.
    public internal(set) var counts: [UnitCounts] = []
    var queues: [[CaseIndexSet]] = []
    /// Open overdue cases per unit subtree, kept with the counts so a screen can list
    /// the newest without scanning every open case.
    var overdueSets: [CaseIndexSet] = []
    /// (reported at, case index) sorted by time, so a period's cases are found by search.
    var reportTimes = SortedChunks<ReportTime>()
    var deadlines = DeadlineHeap()
    /// Set while a replay from the start applies the whole log: the counts, queues and
    /// deadlines are then built once at the end instead of once an event.
    var projectionsDeferred = false
    /// Early warnings raised so far.
    public internal(set) var warnings: [Warning] = []
    var warningEpisodes: Set<String> = []
    /// Highest case ordinal seen; the next case gets one more.
    public internal(set) var maxOrdinal = 0
    /// The time the overdue projections were last brought up to.
    public internal(set) var now: Instant
    /// Events applied.
    public internal(set) var eventCount = 0
    /// Events that named a case or unit the model did not know (only after a lossy recovery).
    public internal(set) var orphanEvents = 0
    /// Time limits used by `decide` for new deadlines, and by the overdue projections.
    /// Fixed when the model is made: the projections are built under them.
    public let limits: TimeLimits
    /// When supervision cards fall due.
    public var cards = CardThresholds.defaults
    /// Early-warning thresholds.
    public var warningRules = WarningThresholds.defaults
    /// Reports per repeat/hotspot key (time and case index), for the early-warning rules.
    var reportIndex: [ReportKey: [ReportMark]] = [:]
    /// When each repeat/hotspot key last raised a warning (the triggering report's time).
    var lastWarned: [ReportKey: Instant] = [:]
    /// Warnings that name each case (indices into `warnings`).
    var warningsByCase: [String: [Int]] = [:]
    /// Refusals recorded in the last minute, per account (not in snapshots: after a
    /// restart at most a few more are recorded).
    var recentDenials: [UInt32: [Instant]] = [:]
    /// Set only in a partial model: the cases it did not load, for new reports' checks.
    /// Such a model holds just the units and the cases reported since the snapshot, so
    /// its counts, queues and indicators are not the store's; only `decide(.report)`
    /// and appending are meaningful on it.
    public internal(set) var archive: (any ReportArchive)?

    /// Creates an empty model.
    public init(limits: TimeLimits = .defaults, now: Instant = Instant(ms: 0)) {
        self.limits = limits
        self.now = now
    }

    /// Creates an empty model with a whole policy (limits, cards, warning thresholds).
    public init(policy: Policy, now: Instant = Instant(ms: 0)) {
        self.init(limits: policy.limits, now: now)
        cards = policy.cards
        warningRules = policy.warnings
    }

    /// Warnings that name a case.
    public func warnings(for number: String) -> [Warning] {
        (warningsByCase[number] ?? []).map { warnings[$0] }
    }

    // MARK: Queries

    /// The unit with this code.
    public func unit(_ code: String) -> Unit? { unitIndex[code].map { units[Int($0)] } }

    /// The index of the unit with this code, for `counts` and `children`.
    public func unitIndex(of code: String) -> Int? { unitIndex[code].map(Int.init) }

    /// The agency with this id.
    public func agency(_ id: String) -> Agency? { agencyIndex[id].map { agencies[$0] } }

    /// The case with this number.
    public func `case`(_ number: String) -> CaseRecord? { caseIndex[number].map { cases[Int($0)] } }

    /// The index of a case in `cases`.
    public func caseIndex(of number: String) -> Int? { caseIndex[number].map(Int.init) }

    /// The case already recorded for an external id, if any.
    public func caseNumber(forExternalId id: String) -> String? {
        externalIds[id].map { cases[Int($0)].number } ?? archive?.caseNumber(forExternalId: id)
    }

    /// Whether this model holds only part of the store (see `archive`).
    public var isPartial: Bool { archive != nil }

    /// The early-warning index, for a snapshot.
    public var reportEntries: [ReportKey: [ReportMark]] { reportIndex }

    /// The root units (normally the one city), in registration order. Kept as units are
    /// registered: the console asks for them every frame. A move keeps a unit's parent.
    public internal(set) var roots: [Int32] = []

    /// Subtree counts for a unit.
    public func counts(for code: String) -> UnitCounts? { unitIndex[code].map { counts[Int($0)] } }

    /// Case indices in a queue for a unit's subtree, in report order (oldest first).
    public func queue(_ kind: QueueKind, under code: String) -> CaseIndexSet {
        guard let u = unitIndex[code] else { return CaseIndexSet() }
        return queues[Int(u)][kind.rawValue]
    }

    /// Open overdue cases in a unit's subtree, in report order (oldest first).
    public func overdueCases(under code: String) -> CaseIndexSet {
        guard let u = unitIndex[code] else { return CaseIndexSet() }
        return overdueSets[Int(u)]
    }

    /// Indices of cases reported in [since, until), by report time.
    public func casesReported(since: Instant, until: Instant?) -> [ReportTime] {
        reportTimes.elements(from: ReportTime(at: since.ms, index: .min), below: until.map { ReportTime(at: $0.ms, index: .min) })
    }

    /// Whether `code` is `ancestor` or lies below it.
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        guard let u = unitIndex[code], let a = unitIndex[ancestor] else { return false }
        return ancestors[Int(u)].contains(a)
    }

    /// Codes from the unit up to the root.
    public func path(of code: String) -> [String] {
        guard let u = unitIndex[code] else { return [] }
        return ancestors[Int(u)].map { units[Int($0)].code }
    }

    /// The centre responsible for a place: the unit itself if it has one, else its parent.
    public func centre(for code: String) -> String? {
        guard let u = unit(code) else { return nil }
        return u.hasCentre ? u.code : u.parent
    }

    /// How long a refusal counts against an account's allowance of recorded refusals.
    public static let denialWindow = Duration.minutes(1)
    /// Refusals recorded per account per `denialWindow`; later ones are refused unrecorded.
    public static let deniedPerWindow = 5

    /// Whether a refusal of `uid` at `now` is to be recorded (the allowance is not spent).
    public func recordsDenial(uid: UInt32, at now: Instant) -> Bool {
        (recentDenials[uid] ?? []).filter { now.since($0).ms < Model.denialWindow.ms }.count < Model.deniedPerWindow
    }

    /// Whether a case's open deadline has passed at the model's time.
    public func isOverdue(_ c: CaseRecord) -> Bool { Model.contribution(c, at: now, limits: limits).overdue }

    /// When the follow-up visit of a closed case is due.
    public func followUpDue(_ c: CaseRecord) -> Instant? {
        (c.resolvedAt ?? c.closedAt).map { $0.adding(limits.followUp) }
    }

    /// The acceptance deadline of a case.
    public func acceptBy(_ c: CaseRecord) -> Instant { Model.acceptBy(c, limits: limits) }

    /// The accept-by time of `c` under `limits`, for code that has the limits but not the model.
    static func acceptBy(_ c: CaseRecord, limits: TimeLimits) -> Instant { c.reportedAt.adding(limits.acceptLimit(c.level)) }
}

/// One report counted under an early-warning key: when it was reported and which case it is.
public struct ReportMark: Hashable, Sendable {
    public var at: Instant
    /// The case's index in `Model.cases`.
    public var caseIndex: Int32

    /// Creates a mark.
    public init(at: Instant, caseIndex: Int32) { self.at = at; self.caseIndex = caseIndex }

    /// Time order, then report order.
    static func before(_ a: ReportMark, _ b: ReportMark) -> Bool { a.at < b.at || (a.at == b.at && a.caseIndex < b.caseIndex) }

    static func isSorted(_ marks: [ReportMark]) -> Bool {
        zip(marks, marks.dropFirst()).allSatisfy { !before($1, $0) }
    }

    /// Inserts `m` keeping `marks` in time order: a new report is nearly always the
    /// latest, so nearly always an append.
    static func insert(_ m: ReportMark, into marks: inout [ReportMark]) {
        if let last = marks.last, before(m, last) {
            marks.insert(m, at: marks.partitionPoint { !before($0, m) })
        } else {
            marks.append(m)
        }
    }

    /// The marks reported after `from` and no later than `to`, found by binary search.
    static func window(_ marks: [ReportMark], after from: Instant, upTo to: Instant) -> ArraySlice<ReportMark> {
        let lo = marks.partitionPoint { $0.at > from }
        let hi = marks.partitionPoint { $0.at > to }
        return lo < hi ? marks[lo..<hi] : []
    }
}

extension Array {
    /// The first index whose element satisfies `isAfter`, for an array in which every
    /// element that does comes after every one that does not.
    func partitionPoint(_ isAfter: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// The early-warning history and external ids of cases a partial model did not load
/// (they stay in a snapshot on disk), for commands that only report new cases.
public protocol ReportArchive: Sendable {
    /// How many archived reports under `key` were reported after `from`, up to and at `to`.
    func reportCount(under key: ReportKey, after from: Instant, upTo to: Instant) -> Int
    /// The case numbers of those reports, oldest first: asked for only when a warning
    /// fires, since finding a number costs far more than counting.
    func reportNumbers(under key: ReportKey, after from: Instant, upTo to: Instant) -> [String]
    /// The archived case an external id was recorded under, if any.
    func caseNumber(forExternalId id: String) -> String?
    /// When `key` last raised a warning among the archived cases.
    func lastWarning(for key: ReportKey) -> Instant?
}

/// What early-warning rules count reports under: a reporter, or a place (a unit by
/// index) in one category; hotspots are places at village or grid level.
public enum ReportKey: Hashable, Sendable {
    case reporter(String)
    case place(Int32, Category)
    case hotspot(Int32, Category)

    /// Keys compare and hash by the reporter's UTF-8 bytes: String's own hashing first
    /// normalises Chinese text, which made this the hottest call in intake and restore.
    public static func == (a: ReportKey, b: ReportKey) -> Bool {
        switch (a, b) {
        case (.reporter(let x), .reporter(let y)): x.utf8.elementsEqual(y.utf8)
        case (.place(let u, let c), .place(let v, let d)), (.hotspot(let u, let c), .hotspot(let v, let d)): u == v && c == d
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .reporter(let name):
            h.combine(UInt8(0))
            var s = name
            s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .place(let u, let c):
            h.combine(UInt8(1)); h.combine(u)
            var s = c.rawValue
            s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .hotspot(let u, let c):
            h.combine(UInt8(2)); h.combine(u)
            var s = c.rawValue
            s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether the hotspot rule counts this key (the repeat rule counts the others).
    public var isHotspot: Bool { if case .hotspot = self { true } else { false } }

    /// The unit of a place or hotspot key.
    public var unitIndex: Int32? {
        switch self {
        case .reporter: nil
        case .place(let u, _), .hotspot(let u, _): u
        }
    }

    /// A reporter name without surrounding white space. Most names have none, and
    /// checking the ends first keeps Foundation out of the replay loop.
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        guard isTrimmedSpace(first) || isTrimmedSpace(last) else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// A scalar `trimmed` looks for at the ends. No white space lies above U+3000, so a
    /// Chinese name's ends are not looked up in the Unicode tables (a search that was a
    /// twentieth of deciding and applying a report).
    static func isTrimmedSpace(_ c: Unicode.Scalar) -> Bool {
        c.value <= 0x3000 && (c == " " || c == "\t" || c.properties.isWhitespace && c != "\n" && c != "\r")
    }
}

/// A case's report time in milliseconds and its index, for period queries.
public struct ReportTime: Hashable, Comparable, Sendable {
    public var at: Int64
    public var index: Int32

    /// Records and backdated ones are kept in time order, then index order.
    public static func < (a: ReportTime, b: ReportTime) -> Bool { (a.at, a.index) < (b.at, b.index) }
}

/// Capacity for a restored collection of `n` items with room to grow: the first item
/// added after a restore must not reallocate (and copy) a collection of a million.
/// Capacity that is never used is never touched, so it costs address space, not memory.
public func capacityWithHeadroom(_ n: Int) -> Int { n + n / 4 + 1024 }
