import CNcursesw
import TerminalUI

extension NcursesTerminal {
    /// Waits up to `timeoutMs` (negative: forever, 0: poll) for one key.
    ///
    /// Function keys come decoded by curses' keypad mode; sequences it does
    /// not know arrive as ESC plus characters and go through
    /// ``EscapeSequence``, as do mouse reports (see ``enableMouse()``).
    /// `KEY_RESIZE` becomes `.resize` with the new size
    /// and forces a full repaint on the next draw.
    /// - Returns: nil on timeout (or after ``restore()``).
    public func readKey(timeoutMs: Int) -> Key? {
        guard isActive else { return nil }
        let window = gw_stdscr()
        wtimeout(window, Int32(clamping: timeoutMs))
        var value: UInt32 = 0
        let result = gw_get_wch(window, &value)
        if result == ERR { return nil }
        if result == gw_key_code_yes() { return functionKey(Int32(bitPattern: value)) }
        guard let scalar = Unicode.Scalar(value) else { return .unknown("invalid scalar \(value)") }
        if scalar == "\u{1B}" { return escapeKey(window) }
        return Key(scalar: scalar)
    }

    /// Reads whatever followed an ESC (at once for the first scalar, then up to 30 ms
    /// for each further one of a sequence begun), decodes one key and pushes unused
    /// input back for the next call.
    private func escapeKey(_ window: UnsafeMutablePointer<WINDOW>?) -> Key {
        var tail: [Unicode.Scalar] = []
        while tail.count < 32 {
            // Once a sequence has begun, its rest may come in a later packet (a slow
            // link splits a mouse report): wait a little for it rather than type it.
            wtimeout(window, tail.isEmpty ? 0 : 30)
            var value: UInt32 = 0
            let result = gw_get_wch(window, &value)
            guard result == OK, let scalar = Unicode.Scalar(value) else {
                if result == gw_key_code_yes() { _ = ungetch(Int32(bitPattern: value)) }
                break
            }
            tail.append(scalar)
            if case .key = EscapeSequence.decode(tail) { break }
        }
        guard case .key(let key, let consumed) = EscapeSequence.decode(tail, inputEnded: true) else {
            return .escape
        }
        if Array(tail[..<consumed]) == Self.pasteStart {
            for scalar in tail[consumed...].reversed() { _ = gw_unget_wch(scalar.value) }
            return .paste(readPaste(window))
        }
        // unget is LIFO: push back the unused scalars last-first.
        for scalar in tail[consumed...].reversed() { _ = gw_unget_wch(scalar.value) }
        return key
    }

    /// What follows ESC at the start and end of a bracketed paste.
    private static let pasteStart: [Unicode.Scalar] = ["[", "2", "0", "0", "~"]
    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    /// The most of one paste kept; the rest is read and dropped, never run as keys.
    static let pasteLimit = 16_384

    /// Reads a paste's text up to its end marker. A terminal that never sends the end
    /// (the link died mid-paste) ends it after a second without input.
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>?) -> String {
        var text: [Unicode.Scalar] = []
        // Scalars that may be the start of the end marker, held back until they are not.
        var held: [Unicode.Scalar] = []
        func keep(_ scalar: Unicode.Scalar) { if text.count < Self.pasteLimit { text.append(scalar) } }
        wtimeout(window, 1000)
        while true {
            var value: UInt32 = 0
            let result = gw_get_wch(window, &value)
            if result == ERR { break }
            // A key curses decoded inside a paste is not text: leave it out.
            guard result == OK, let scalar = Unicode.Scalar(value) else { continue }
            held.append(scalar)
            if held == Self.pasteEnd { return String(String.UnicodeScalarView(text)) }
            while !held.isEmpty && !Self.pasteEnd.starts(with: held) { keep(held.removeFirst()) }
        }
        held.forEach(keep)
        return String(String.UnicodeScalarView(text))
    }

    private func functionKey(_ code: Int32) -> Key {
        let keys: [Int32: Key] = [
            gw_key_up(): .up, gw_key_down(): .down, gw_key_left(): .left, gw_key_right(): .right,
            gw_key_home(): .home, gw_key_end(): .end, gw_key_ppage(): .pageUp, gw_key_npage(): .pageDown,
            gw_key_backspace(): .backspace, gw_key_dc(): .delete, gw_key_ic(): .insert,
            gw_key_enter(): .enter, gw_key_btab(): .backTab,
        ]
        if let key = keys[code] { return key }
        if code == gw_key_resize() {
            invalidate()
            return .resize(width: size.width, height: size.height)
        }
        if code > gw_key_f(0) && code <= gw_key_f(63) { return .f(Int(code - gw_key_f(0))) }
        let name = keyname(code).map { String(cString: $0) } ?? "\(code)"
        return .unknown("KEY \(name)")
    }
}
