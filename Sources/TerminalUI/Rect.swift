/// A rectangle of terminal cells: origin column/row plus size in columns/rows.
///
/// Sizes are never negative; the split helpers hand out whatever space is
/// available and give empty rectangles once it runs out, so layouts degrade
/// on tiny terminals instead of trapping.
public struct Rect: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Leftmost column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width in display columns (>= 0).
    public var width: Int
    /// Height in rows (>= 0).
    public var height: Int

    /// Creates a rectangle; negative sizes are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin covering `width` x `height` cells.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// One past the rightmost column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// True when the rectangle covers no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Debug form `x,y widthxheight`.
    public var description: String { "\(x),\(y) \(width)x\(height)" }

    /// True when the cell at (`px`, `py`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty, positioned at `self`'s origin, when disjoint).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks every side by the given margins (clamped so the result is never negative).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Shrinks every side by `amount`.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// Splits into horizontal bands (stacked top to bottom) of the given sizes.
    public func rows(_ sizes: [LayoutSize]) -> [Rect] {
        Self.distribute(sizes, total: height).map { band in
            Rect(x: x, y: y + band.offset, width: width, height: band.length)
        }
    }

    /// Splits into vertical strips (left to right) of the given sizes.
    public func columns(_ sizes: [LayoutSize]) -> [Rect] {
        Self.distribute(sizes, total: width).map { strip in
            Rect(x: x + strip.offset, y: y, width: strip.length, height: height)
        }
    }

    /// Splits off `count` rows from the top: `(top, rest)`.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let parts = rows([.fixed(count), .fill])
        return (parts[0], parts[1])
    }

    /// Splits off `count` rows from the bottom: `(rest, bottom)`.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let parts = rows([.fill, .fixed(count)])
        return (parts[0], parts[1])
    }

    /// Splits off `count` columns from the left: `(left, rest)`.
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let parts = columns([.fixed(count), .fill])
        return (parts[0], parts[1])
    }
}

/// How much of a split one part takes.
public enum LayoutSize: Equatable, Hashable, Sendable {
    /// Exactly this many cells (or what is left, if less).
    case fixed(Int)
    /// This fraction (0...1) of the whole being split, rounded down.
    case fraction(Double)
    /// A share of whatever the fixed and fractional parts leave, by weight.
    case fill(weight: Int)

    /// A fill part of weight 1.
    public static let fill = LayoutSize.fill(weight: 1)
}

extension Rect {
    /// Offset and length of each part along one axis.
    struct Band { let offset: Int; let length: Int }

    /// Fixed and fractional parts are served first, in order, from the
    /// total; fill parts then share the remainder by weight, with rounding
    /// leftovers going to the earliest fill parts so the sum is exact.
    static func distribute(_ sizes: [LayoutSize], total: Int) -> [Band] {
        var lengths = [Int](repeating: 0, count: sizes.count)
        var remaining = max(0, total)
        for (i, size) in sizes.enumerated() {
            let wanted: Int
            switch size {
            case .fixed(let n): wanted = max(0, n)
            case .fraction(let f): wanted = Int((Double(max(0, total)) * min(max(f, 0), 1)).rounded(.down))
            case .fill: continue
            }
            lengths[i] = min(wanted, remaining)
            remaining -= lengths[i]
        }
        shareFill(sizes, remaining: remaining, into: &lengths)
        var offset = 0
        return lengths.map { length in
            defer { offset += length }
            return Band(offset: offset, length: length)
        }
    }

    private static func shareFill(_ sizes: [LayoutSize], remaining: Int, into lengths: inout [Int]) {
        let weights = sizes.map { size -> Int in
            if case .fill(let w) = size { return max(0, w) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, remaining > 0 else { return }
        var handed = 0
        for i in weights.indices where weights[i] > 0 {
            lengths[i] = remaining * weights[i] / totalWeight
            handed += lengths[i]
        }
        var leftover = remaining - handed
        for i in weights.indices where weights[i] > 0 && leftover > 0 {
            lengths[i] += 1
            leftover -= 1
        }
    }
}
