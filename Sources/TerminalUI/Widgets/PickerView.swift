extension Picker {
    /// Draws the query line and the visible matches into `rect`.
    ///
    /// ```
    /// / 甘井         2/40
    /// [x] 甘井子区应急管理局    GJZ-YJ
    /// [ ] 甘井子区公安分局      GJZ-GA
    /// ```
    public func render(into buffer: inout Buffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        renderQuery(into: &buffer, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), focused: focused)
        let list = rect.inset(top: 1)
        guard !list.isEmpty else { return }
        let codeWidth = min(items.map { DisplayWidth.of(Sanitizer.inert($0.code)) }.max() ?? 0, list.width / 3)
        let offset = state.visibleOffset(rows: list.height)
        for line in 0..<list.height where offset + line < matches.count {
            let row = Rect(x: list.x, y: list.y + line, width: list.width, height: 1)
            renderItem(items[matches[offset + line]], selected: offset + line == state.selected,
                       focused: focused, codeWidth: codeWidth, into: &buffer, in: row)
        }
    }

    private func renderQuery(into buffer: inout Buffer, in row: Rect, focused: Bool) {
        let style = Style(focused ? .inputFieldFocus : .inputField)
        buffer.fill(row, style: style)
        let count = "\(matches.count)/\(items.count)"
        let countWidth = DisplayWidth.of(count)
        let room = row.width - countWidth - 1
        let field = TextField(id: "query", label: prompt, text: query)
        var x = row.x
        if room > 0 {
            x += buffer.put(TextLayout.truncate(Sanitizer.inert(prompt), toWidth: room / 3) + " ",
                            x: x, y: row.y, style: style, maxWidth: room)
            field.render(into: &buffer, in: Rect(x: x, y: row.y, width: row.x + room - x, height: 1), focused: focused)
        }
        if countWidth <= row.width {
            buffer.put(count, x: row.maxX - countWidth, y: row.y, style: Style(.muted, bg: style.fg))
        }
    }

    private func renderItem(_ item: PickerItem, selected: Bool, focused: Bool, codeWidth: Int,
                            into buffer: inout Buffer, in row: Rect) {
        let isMarked = marked.contains(item.id)
        let base = ListView.rowStyle(.plain, selected: selected, focused: focused)
        buffer.fill(row, style: base)
        var x = row.x
        if allowsMultiSelect {
            let markStyle = isMarked ? ListView.rowStyle(Style(.marked), selected: selected, focused: focused) : base
            x += buffer.put(isMarked ? "[x] " : "[ ] ", x: x, y: row.y, style: markStyle, maxWidth: row.width)
        }
        let codeRoom = codeWidth > 0 ? codeWidth + 1 : 0
        let labelWidth = max(0, row.maxX - x - codeRoom)
        buffer.put(TextLayout.fit(Sanitizer.inert(item.label), toWidth: labelWidth), x: x, y: row.y,
                   style: base, maxWidth: labelWidth)
        if codeWidth > 0 && labelWidth > 0 {
            let code = TextLayout.fit(Sanitizer.inert(item.code), toWidth: codeWidth, alignment: .right)
            let codeStyle = ListView.rowStyle(Style(.textDim), selected: selected, focused: focused)
            buffer.put(code, x: row.maxX - codeWidth, y: row.y, style: codeStyle, maxWidth: codeWidth)
        }
    }
}
