import XCTest
@testable import TerminalUI

final class PickerTests: TerminalUITestCase {
    private let items = [
        PickerItem(id: "u1", label: "大连市公安局", code: "DL-GA", keywords: ["dalian", "gongan"]),
        PickerItem(id: "u2", label: "甘井子区应急管理局", code: "GJZ-YJ", keywords: ["ganjingzi", "yingji"]),
        PickerItem(id: "u3", label: "甘井子区公安分局", code: "GJZ-GA", keywords: ["ganjingzi", "gongan"]),
        PickerItem(id: "u4", label: "消防救援支队", code: "XF", keywords: ["xiaofang"]),
    ]

    func testRanking() {
        let cases: [(String, [Int])] = [
            ("", [0, 1, 2, 3]),
            ("gongan", [0, 2]),
            ("gjz", [1, 2]),
            ("ga", [1, 2, 0]),
            ("甘井 公安", [2]),
            ("xf", [3]),
            ("GJZ-GA", [2]),
            ("u4", [3]),
            ("nothing", []),
        ]
        for (query, expected) in cases {
            XCTAssertEqual(PickerMatcher.rank(items, query: query), expected, query)
        }
        XCTAssertEqual(PickerMatcher.score(items[3], words: ["xf"]), 0)
        // "甘井" is a label prefix (1), "公安" a substring (2).
        XCTAssertEqual(PickerMatcher.score(items[2], words: ["甘井", "公安"]), 3)
        XCTAssertNil(PickerMatcher.score(items[0], words: ["xiaofang"]))
    }

    func testTypeMoveAndPick() {
        var picker = Picker(items: items)
        for c in "gjz" { XCTAssertEqual(picker.handle(.char(c)), .queryChanged) }
        XCTAssertEqual(picker.matches, [1, 2])
        XCTAssertEqual(picker.highlighted?.id, "u2")
        XCTAssertEqual(picker.handle(.down), .moved)
        XCTAssertEqual(picker.highlighted?.id, "u3")
        XCTAssertEqual(picker.handle(.enter), .picked(PickerSelection(primary: "u3")))
    }

    func testSpaceTypesInEveryPicker() {
        for multi in [false, true] {
            var picker = Picker(items: items, allowsMultiSelect: multi)
            for c in "甘井 公安" { _ = picker.handle(.char(c)) }
            XCTAssertEqual(picker.query, "甘井 公安")
            XCTAssertEqual(picker.matches, [2])
            XCTAssertEqual(picker.marked, [])
        }
    }

    func testAPasteExtendsTheQueryOnOneLine() {
        var picker = Picker(items: items)
        XCTAssertEqual(picker.handle(.paste("甘井\n公安")), .queryChanged)
        XCTAssertEqual(picker.query, "甘井 公安")
        XCTAssertEqual(picker.matches, [2])
    }

    func testMultiSelectMarksAssisting() {
        var picker = Picker(items: items, allowsMultiSelect: true)
        for c in "gjz" { _ = picker.handle(.char(c)) }
        XCTAssertEqual(picker.handle(.tab), .toggled(id: "u2", marked: true))
        XCTAssertEqual(picker.query, "gjz")
        _ = picker.handle(.down)
        XCTAssertEqual(picker.handle(.tab), .toggled(id: "u3", marked: true))
        XCTAssertEqual(picker.marked, ["u2", "u3"])
        XCTAssertEqual(picker.handle(.enter), .picked(PickerSelection(primary: "u3", assisting: ["u2"])))
        XCTAssertEqual(picker.handle(.tab), .toggled(id: "u3", marked: false))
        XCTAssertEqual(picker.marked, ["u2"])
        // Marks survive a changed query.
        _ = picker.handle(.ctrl("u"))
        XCTAssertEqual(picker.matches.count, 4)
        XCTAssertEqual(picker.marked, ["u2"])
    }

    func testEditingAndDismissal() {
        var picker = Picker(items: items)
        XCTAssertEqual(picker.handle(.backspace), .ignored)
        _ = picker.handle(.char("z"))
        _ = picker.handle(.char("z"))
        XCTAssertEqual(picker.matches, [])
        XCTAssertNil(picker.highlighted)
        XCTAssertEqual(picker.handle(.enter), .ignored)
        XCTAssertEqual(picker.handle(.backspace), .queryChanged)
        XCTAssertEqual(picker.query, "z")
        XCTAssertEqual(picker.handle(.escape), .cancelled)
        XCTAssertEqual(picker.handle(.f(2)), .ignored)
        picker.setQuery("x\u{1B}f")
        XCTAssertEqual(picker.query, "xf")
        XCTAssertEqual(picker.highlighted?.id, "u4")
    }

    func testRender() {
        var picker = Picker(items: items, allowsMultiSelect: true)
        for c in "gjz" { _ = picker.handle(.char(c)) }
        _ = picker.handle(.tab)
        var buffer = Buffer(width: 30, height: 4)
        picker.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(), [
            "/ gjz                      2/4",
            "[x] 甘井子区应急管理局  GJZ-YJ",
            "[ ] 甘井子区公安分局    GJZ-GA",
            "                              ",
        ])
        XCTAssertEqual(buffer[0, 1].style, Style(.marked, bg: .selection))
        XCTAssertEqual(buffer[4, 1].style, Style(.selection))
        XCTAssertEqual(buffer[24, 2].style, Style(.textDim))
        XCTAssertTrue(buffer[5, 0].style.attributes.contains(.reverse), "query cursor")
    }
}
