import CNcursesw

/// The bytes that undo what curses did to the terminal, for the signal path.
///
/// Captured once at start-up (terminfo lookups are not async-signal-safe)
/// and written raw by the handler, so tputs-style padding markers such as
/// `$<5>` are removed: nothing would interpret them.
enum TerminfoRestore {
    /// sgr0 (attributes off), cnorm (cursor visible), rmkx (keypad
    /// transmit off), rmcup (leave the alternate screen), in that order.
    static let capabilities = ["sgr0", "cnorm", "rmkx", "rmcup"]

    static func sequence() -> [UInt8] {
        capabilities.flatMap { name -> [UInt8] in
            guard let value = gw_tigetstr(name) else { return [] }
            return stripPadding(Array(String(cString: value).utf8))
        }
    }

    /// Removes `$<...>` delay specifications.
    static func stripPadding(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
               let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
