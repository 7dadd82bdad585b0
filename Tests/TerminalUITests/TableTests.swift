import XCTest
@testable import TerminalUI

final class TableTests: TerminalUITestCase {
    private let columns = [
        TableColumn("ID", width: .fixed(3)),
        TableColumn("地点", width: .flexible),
        TableColumn("级别", width: .fixed(4), alignment: .right),
    ]

    func testCJKAlignedRendering() {
        let table = Table(columns: columns, rows: [
            TableRow(["1", "大连市甘井子区", "I"]),
            TableRow(["22", "港口", "III"]),
            TableRow(["12345", "e\u{301}cole", "IV"]),
        ])
        let lines = render(16, 4) { table.render(into: &$0, in: $0.bounds, focused: true) }
        XCTAssertEqual(lines, [
            "ID  地点    级别",
            "1   大连市…    I",
            "22  港口     III",
            "12… e\u{301}cole     IV",
        ])
        for line in lines { XCTAssertEqual(DisplayWidth.of(line), 16, line) }
    }

    func testColumnWidths() {
        let flexible = [TableColumn("a", width: .fixed(3)), TableColumn("b", width: .flexible(weight: 1, min: 0)),
                        TableColumn("c", width: .flexible(weight: 2, min: 0))]
        XCTAssertEqual(Table.columnWidths(flexible, totalWidth: 20), [3, 5, 10])
        XCTAssertEqual(Table.columnWidths(flexible, totalWidth: 20, gap: 0), [3, 6, 11])
        let minimum = [TableColumn("a", width: .fixed(10)), TableColumn("b", width: .flexible(weight: 1, min: 4))]
        XCTAssertEqual(Table.columnWidths(minimum, totalWidth: 12), [10, 1])
        XCTAssertEqual(Table.columnWidths(minimum, totalWidth: 30), [10, 19])
        XCTAssertEqual(Table.columnWidths(flexible, totalWidth: 3), [1, 0, 0])
        XCTAssertEqual(Table.columnWidths([], totalWidth: 10), [])
    }

    func testSelectionScrollAndCellStyles() {
        var table = Table(columns: columns, rows: (1...5).map { i in
            TableRow(["\(i)", "row\(i)", "x"], cellStyles: [2: Style(.alertRed)])
        })
        for _ in 0..<4 { _ = table.handle(.down, height: 3) }
        XCTAssertEqual(table.selectedIndex, 4)
        var buffer = Buffer(width: 16, height: 3)
        table.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(trimTrailing: true), ["ID  地点    级别", "4   row4       x", "5   row5       x"])
        XCTAssertEqual(buffer[0, 0].style, Style(.tableHeader))
        XCTAssertEqual(buffer[0, 1].style, Style.plain)
        XCTAssertEqual(buffer[15, 1].style, Style(.alertRed))
        XCTAssertEqual(buffer[0, 2].style, Style(.selection))
        XCTAssertEqual(buffer[3, 2].style, Style(.selection), "gap cells take the row style")
        XCTAssertEqual(buffer[15, 2].style, Style(.alertRed, bg: .selection))
    }

    func testWithoutHeaderAndMissingCells() {
        let table = Table(columns: columns, rows: [TableRow(["7"])], showsHeader: false)
        XCTAssertEqual(table.bodyRows(inHeight: 3), 3)
        XCTAssertEqual(render(16, 1) { table.render(into: &$0, in: $0.bounds, focused: false) },
                       ["7               "])
    }

    func testCellsAreSanitised() {
        let table = Table(columns: [TableColumn("x", width: .fixed(8))], rows: [TableRow(["\u{1B}[2J"])],
                          showsHeader: false)
        XCTAssertEqual(render(8, 1) { table.render(into: &$0, in: $0.bounds, focused: false) }, ["\\e[2J   "])
    }
}
