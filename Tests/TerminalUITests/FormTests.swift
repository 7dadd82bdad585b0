import XCTest
@testable import TerminalUI

final class TextFieldTests: TerminalUITestCase {
    private func type(_ text: String, into field: inout TextField) {
        for character in text { XCTAssertTrue(field.handle(.char(character))) }
    }

    func testEditingKeys() {
        var field = TextField(id: "f", label: "F")
        type("abc", into: &field)
        _ = field.handle(.left)
        _ = field.handle(.left)
        type("X", into: &field)
        XCTAssertEqual(field.text, "aXbc")
        XCTAssertEqual(field.cursor, 2)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "abc")
        XCTAssertEqual(field.cursor, 1)
        _ = field.handle(.delete)
        XCTAssertEqual(field.text, "ac")
        XCTAssertEqual(field.cursor, 1)
        _ = field.handle(.ctrl("k"))
        XCTAssertEqual(field.text, "a")
        _ = field.handle(.home)
        XCTAssertEqual(field.cursor, 0)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "a")
        _ = field.handle(.ctrl("e"))
        _ = field.handle(.ctrl("u"))
        XCTAssertEqual(field.text, "")
        XCTAssertFalse(field.handle(.f(5)))
    }

    func testGraphemeAwareCursor() {
        var field = TextField(id: "f", label: "F", text: "大👨\u{200D}👩\u{200D}👧")
        XCTAssertEqual(field.cursor, 2)
        _ = field.handle(.backspace)
        XCTAssertEqual(field.text, "大")
        type("e", into: &field)
        type("\u{301}", into: &field)
        XCTAssertEqual(field.text, "大e\u{301}")
        XCTAssertEqual(field.cursor, 2)
    }

    func testControlsAndLimits() {
        var field = TextField(id: "f", label: "F", text: "a\u{1B}b\u{202E}", maxLength: 3)
        XCTAssertEqual(field.text, "ab")
        type("\u{7}", into: &field)
        XCTAssertEqual(field.text, "ab")
        type("cd", into: &field)
        XCTAssertEqual(field.text, "abc")
        field.setText("123456")
        XCTAssertEqual(field.text, "123")
        XCTAssertEqual(field.cursor, 3)
    }

    func testHorizontalScrollKeepsCursorVisible() {
        var buffer = Buffer(width: 5, height: 1)
        let field = TextField(id: "f", label: "", text: "abcdefgh")
        let cursor = field.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(), ["efgh "])
        XCTAssertEqual(cursor?.x, 4)
        XCTAssertTrue(buffer[4, 0].style.attributes.contains(.reverse))
        XCTAssertFalse(buffer[3, 0].style.attributes.contains(.reverse))

        let cjk = TextField(id: "f", label: "", text: "大连市甘井")
        XCTAssertEqual(render(5, 1) { cjk.render(into: &$0, in: $0.bounds, focused: true) }, ["甘井 "])
        XCTAssertEqual(render(5, 1) { cjk.render(into: &$0, in: $0.bounds, focused: false) }, ["大连 "])
    }

    func testCursorAtStartOfLongText() {
        var field = TextField(id: "f", label: "", text: "abcdefgh")
        _ = field.handle(.home)
        var buffer = Buffer(width: 5, height: 1)
        let cursor = field.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertEqual(buffer.lines(), ["abcde"])
        XCTAssertEqual(cursor?.x, 0)
        XCTAssertTrue(buffer[0, 0].style.attributes.contains(.reverse))
    }
}

final class FormTests: TerminalUITestCase {
    private func makeForm(enterAdvances: Bool = true) -> Form {
        Form(fields: [TextField(id: "unit", label: "单位"), TextField(id: "note", label: "Note")],
             enterAdvances: enterAdvances)
    }

    func testFillAndSubmit() {
        var form = makeForm()
        XCTAssertEqual(form.handle(.char("甘")), .edited)
        XCTAssertEqual(form.handle(.char("井")), .edited)
        XCTAssertEqual(form.handle(.enter), .focusChanged)
        XCTAssertEqual(form.focusedIndex, 1)
        _ = form.handle(.char("o"))
        _ = form.handle(.char("k"))
        XCTAssertEqual(form.handle(.enter), .submitted(["unit": "甘井", "note": "ok"]))
    }

    func testAPasteIsOneEditAndNeverSubmits() {
        var form = makeForm(enterAdvances: false)
        XCTAssertEqual(form.handle(.paste("第一行\r\n第二行\n\t第三行\u{7}")), .edited)
        XCTAssertEqual(form.handle(.paste("\r")), .edited)
        XCTAssertEqual(form.fields[0].text, "第一行 第二行  第三行", "a run of line breaks is one space, none at the end")
        var limited = TextField(id: "t", label: "t", maxLength: 5)
        XCTAssertTrue(limited.handle(.paste("abc\ndefgh")))
        XCTAssertEqual(limited.text, "abc d")
    }

    func testAFieldOfFixedChoicesIsPickedNotTyped() {
        let choices = [FieldChoice(value: "satisfied", label: "满意"), FieldChoice(value: "basic", label: "基本满意"),
                       FieldChoice(value: "unsatisfied", label: "不满意")]
        var f = TextField(id: "o", label: "结果", choices: choices)
        XCTAssertEqual(f.text, "satisfied")
        XCTAssertTrue(f.handle(.right))
        XCTAssertEqual(f.text, "basic")
        XCTAssertTrue(f.handle(.left))
        XCTAssertTrue(f.handle(.left))
        XCTAssertEqual(f.text, "unsatisfied", "Left wraps round")
        XCTAssertTrue(f.handle(.char("b")))
        XCTAssertEqual(f.text, "basic", "the first letter of a value picks it")
        XCTAssertFalse(f.handle(.char("z")))
        XCTAssertFalse(f.handle(.paste("free text")))
        XCTAssertFalse(f.handle(.backspace))
        XCTAssertEqual(f.text, "basic")
        var buffer = Buffer(width: 30, height: 1)
        f.render(into: &buffer, in: buffer.bounds, focused: true)
        XCTAssertTrue(buffer.lines()[0].hasPrefix("◂ 基本满意 ▸"), buffer.lines()[0])
        XCTAssertEqual(TextField(id: "l", label: "l", choices: choices, selected: "unsatisfied").text, "unsatisfied")
    }

    func testEscCancelsAndTabWraps() {
        var form = makeForm()
        XCTAssertEqual(form.handle(.backTab), .focusChanged)
        XCTAssertEqual(form.focusedIndex, 1)
        XCTAssertEqual(form.handle(.tab), .focusChanged)
        XCTAssertEqual(form.focusedIndex, 0)
        XCTAssertEqual(form.handle(.escape), .cancelled)
        XCTAssertEqual(form.handle(.f(1)), .ignored)
    }

    func testEnterSubmitsImmediatelyWhenNotAdvancing() {
        var form = makeForm(enterAdvances: false)
        _ = form.handle(.char("x"))
        XCTAssertEqual(form.handle(.enter), .submitted(["unit": "x", "note": ""]))
    }

    func testRender() {
        var form = makeForm()
        _ = form.handle(.char("甘"))
        _ = form.handle(.char("井"))
        var buffer = Buffer(width: 16, height: 2)
        let cursor = form.render(into: &buffer, in: buffer.bounds)
        XCTAssertEqual(buffer.lines(), ["单位 甘井       ", "Note            "])
        XCTAssertEqual(cursor?.x, 9)
        XCTAssertEqual(cursor?.y, 0)
        XCTAssertEqual(buffer[0, 0].style.fg, .inputLabel)
        XCTAssertEqual(buffer[5, 0].style.fg, .inputFieldFocus)
        XCTAssertEqual(buffer[5, 1].style.fg, .inputField)
        XCTAssertTrue(buffer[9, 0].style.attributes.contains(.reverse))
    }
}
