import CShim

/// Process-wide locale setup needed for correct display widths.
///
/// glibc's `wcwidth` answers -1 for every non-ASCII scalar unless the
/// process runs in a UTF-8 locale, so call ``activate()`` once at start-up
/// (and in tests) before measuring or drawing any text.
public enum TerminalLocale {
    /// Runs `setlocale(LC_ALL, "")`, falling back to `C.UTF-8` when the
    /// environment's locale is unset or not UTF-8.
    /// - Returns: `true` when a UTF-8 locale is active afterwards.
    @discardableResult
    public static func activate() -> Bool {
        gw_setlocale_all() == 1
    }
}
