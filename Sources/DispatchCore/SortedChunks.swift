/// A sorted set of case indices; queues are kept in report order so that inserting a
/// new case is nearly always an append.
public typealias CaseIndexSet = SortedChunks<Int32>

/// A sorted set held in chunks of a few hundred, so that taking an element out of a
/// set of 200,000, or putting a backdated one in, moves a few hundred entries, not half
/// the set, and a console that holds a copy makes the model copy one chunk, not all.
public struct SortedChunks<Element: Comparable & Sendable>: Sendable, Sequence, Equatable {
    /// Chunks in ascending order, each sorted and never empty.
    private var chunks: [[Element]] = []
    /// Number of cases.
    public private(set) var count = 0

    /// A chunk is split when it grows past twice this, and merged into a neighbour
    /// when it shrinks under an eighth of it.
    static var chunkSize: Int { 512 }

    /// Creates an empty set.
    public init() {}

    /// A set of elements already in ascending order, without duplicates.
    init(sorted items: [Element]) {
        count = items.count
        chunks = stride(from: 0, to: items.count, by: Self.chunkSize).map {
            Array(items[$0..<Swift.min($0 + Self.chunkSize, items.count)])
        }
    }

    /// Whether the set is empty.
    public var isEmpty: Bool { count == 0 }

    /// Every element in ascending order, as an array (costs the size of the set).
    public var sorted: [Element] { chunks.flatMap { $0 } }

    /// The elements from `lower` (inclusive) up to `upper` (exclusive; nil: to the end),
    /// found by search: costs the elements returned, not the set.
    public func elements(from lower: Element, below upper: Element?) -> [Element] {
        guard !chunks.isEmpty else { return [] }
        var out: [Element] = []
        var c = chunk(for: lower)
        var i = Self.position(lower, in: chunks[c])
        while c < chunks.count {
            let chunk = chunks[c]
            while i < chunk.count {
                if let upper, !(chunk[i] < upper) { return out }
                out.append(chunk[i])
                i += 1
            }
            c += 1
            i = 0
        }
        return out
    }

    /// The element at `position` in ascending order. Walks from the nearer end, a chunk
    /// at a time, so the newest and oldest rows are found at once.
    public subscript(position p: Int) -> Element {
        precondition(p >= 0 && p < count, "position \(p) out of 0..<\(count)")
        if p < count / 2 {
            var rest = p
            for c in chunks {
                if rest < c.count { return c[rest] }
                rest -= c.count
            }
        } else {
            var rest = count - 1 - p
            for c in chunks.reversed() {
                if rest < c.count { return c[c.count - 1 - rest] }
                rest -= c.count
            }
        }
        preconditionFailure("count \(count) disagrees with the chunks")
    }

    /// The `n` highest elements (for case indices, the newest reports), highest first.
    public func newest(_ n: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(Swift.min(n, count))
        for c in chunks.reversed() {
            for v in c.reversed() {
                if out.count == n { return out }
                out.append(v)
            }
        }
        return out
    }

    /// Equal when they hold the same elements, however they are chunked.
    public static func == (a: SortedChunks, b: SortedChunks) -> Bool { a.count == b.count && a.elementsEqual(b) }

    /// Iterates in ascending order.
    public func makeIterator() -> FlattenSequence<[[Element]]>.Iterator { chunks.joined().makeIterator() }

    mutating func insert(_ v: Element) {
        guard let lastChunk = chunks.last, let last = lastChunk.last else {
            chunks = [[v]]
            count = 1
            return
        }
        if last < v {
            if lastChunk.count < Self.chunkSize { chunks[chunks.count - 1].append(v) } else { chunks.append([v]) }
            count += 1
            return
        }
        let c = chunk(for: v)
        let i = Self.position(v, in: chunks[c])
        if i < chunks[c].count, chunks[c][i] == v { return }
        chunks[c].insert(v, at: i)
        count += 1
        if chunks[c].count > 2 * Self.chunkSize {
            let upper = Array(chunks[c][Self.chunkSize...])
            chunks[c].removeSubrange(Self.chunkSize...)
            chunks.insert(upper, at: c + 1)
        }
    }

    mutating func remove(_ v: Element) {
        guard !chunks.isEmpty else { return }
        let c = chunk(for: v)
        let i = Self.position(v, in: chunks[c])
        guard i < chunks[c].count, chunks[c][i] == v else { return }
        chunks[c].remove(at: i)
        count -= 1
        if chunks[c].isEmpty {
            chunks.remove(at: c)
        } else if chunks[c].count < Self.chunkSize / 8 {
            mergeSmall(c)
        }
    }

    /// Folds a small chunk into a neighbour that has room, so that many removals do
    /// not leave many tiny chunks behind.
    private mutating func mergeSmall(_ c: Int) {
        if c + 1 < chunks.count, chunks[c].count + chunks[c + 1].count <= Self.chunkSize {
            chunks[c + 1].insert(contentsOf: chunks[c], at: 0)
            chunks.remove(at: c)
        } else if c > 0, chunks[c - 1].count + chunks[c].count <= Self.chunkSize {
            chunks[c - 1].append(contentsOf: chunks[c])
            chunks.remove(at: c)
        }
    }

    /// The chunk that holds `v` or where it belongs: the first whose last element is
    /// not below it, else the last chunk.
    private func chunk(for v: Element) -> Int {
        var lo = 0, hi = chunks.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if let last = chunks[mid].last, last < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func position(_ v: Element, in items: [Element]) -> Int {
        var lo = 0, hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if items[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
