/// A horizontal run of cells that changed between two frames.
public struct BufferRun: Hashable, Sendable {
    /// Column of the first cell (never a continuation cell).
    public var x: Int
    /// Row of the run.
    public var y: Int
    /// The new cells, left to right (continuation cells included).
    public var cells: [Cell]

    /// Creates a run.
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }

    /// Display columns covered.
    public var width: Int { cells.count }

    /// The run's text (continuation cells contribute nothing).
    public var text: String {
        cells.filter { !$0.isContinuation }.map(\.grapheme).joined()
    }
}

extension Buffer {
    /// The runs that turn `old` into `self`, for minimal redraws.
    ///
    /// Runs never begin or end in the middle of a wide grapheme: when
    /// either half changed, both halves are included. When the sizes
    /// differ, every row is one run (a full repaint).
    public func diff(from old: Buffer) -> [BufferRun] {
        guard old.width == width, old.height == height else {
            return (0..<height).map { row in
                BufferRun(x: 0, y: row, cells: Array(cells[row * width..<(row + 1) * width]))
            }
        }
        return (0..<height).flatMap { row in changedRuns(in: row, comparedTo: old) }
    }

    /// Writes runs (typically from ``diff(from:)``) into this buffer.
    public mutating func apply(_ runs: [BufferRun]) {
        for run in runs {
            for (offset, cell) in run.cells.enumerated() {
                set(cell, x: run.x + offset, y: run.y)
            }
        }
    }

    private func changedRuns(in row: Int, comparedTo old: Buffer) -> [BufferRun] {
        let base = row * width
        var changed = (0..<width).map { cells[base + $0] != old.cells[base + $0] }
        for x in 0..<width where changed[x] {
            if cells[base + x].isContinuation, x > 0 { changed[x - 1] = true }
            if x + 1 < width, cells[base + x + 1].isContinuation { changed[x + 1] = true }
        }
        var runs: [BufferRun] = []
        var x = 0
        while x < width {
            guard changed[x] else {
                x += 1
                continue
            }
            let start = x
            while x < width && changed[x] { x += 1 }
            runs.append(BufferRun(x: start, y: row, cells: Array(cells[base + start..<base + x])))
        }
        return runs
    }
}
