import CNcursesw
import TerminalUI

extension NcursesTerminal {
    /// Shows `buffer`: erase, place every cell, then one `doupdate`.
    ///
    /// Skipped entirely when the buffer equals the last frame drawn. curses
    /// compares against its own idea of the screen, so even a full repaint
    /// sends only the changed characters to the terminal. Cells beyond the
    /// current terminal size are clipped.
    public func draw(_ buffer: Buffer) {
        guard isActive else { return }
        if let last = lastDrawn, last == buffer { return }
        let window = gw_stdscr()
        werase(window)
        let (columns, rows) = size
        for y in 0..<min(buffer.height, rows) {
            for x in 0..<min(buffer.width, columns) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                place(cell, width: buffer.width > x + 1 && buffer[x + 1, y].isContinuation ? 2 : 1,
                      x: x, y: y, columns: columns, window: window)
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = buffer
    }

    /// Writes one cell as the scalar groups ``TerminalCells`` chose.
    private func place(_ cell: Cell, width: Int, x: Int, y: Int, columns: Int, window: UnsafeMutablePointer<WINDOW>?) {
        let (attributes, pair) = styleFor(cell.style)
        var column = x
        for group in TerminalCells.groups(for: cell.grapheme, width: width) {
            // A wide character in the last column would wrap: leave it blank.
            guard column + group.width <= columns else { break }
            let values = group.scalars.map(\.value)
            _ = values.withUnsafeBufferPointer { scalars in
                gw_put_cell(window, Int32(y), Int32(column), scalars.baseAddress, Int32(scalars.count),
                            attributes, pair)
            }
            column += group.width
        }
    }
}
