import CNcursesw
import CShim
import Foundation
import TerminalUI

/// The ncurses screen: the only code in gridwatch that talks to curses.
///
/// Lifecycle: `init` opens the controlling terminal (`/dev/tty`, so stdout
/// may be redirected), starts curses with `newterm`, and arms signal
/// handlers that put the terminal back if the process dies; ``restore()``
/// (idempotent, also run by `deinit`) ends curses. Use from one thread.
public final class NcursesTerminal: Terminal {
    /// Colour depth actually used: the requested/detected depth, capped by
    /// what the terminal description can display.
    public let depth: ColorDepth
    /// Theme used to resolve cell styles; assigning repaints on the next draw.
    public var theme: Theme {
        didSet {
            styles.reset(theme: theme)
            lastFrame = nil
        }
    }

    private let tty: UnsafeMutablePointer<FILE>
    private let screen: OpaquePointer
    private var styles: StyleCache
    private var lastFrame: Buffer?
    private var active = true
    private var mouseOn = false

    /// False once ``restore()`` ran: drawing and reading become no-ops.
    var isActive: Bool { active }

    /// The last buffer shown, to skip identical frames.
    var lastDrawn: Buffer? {
        get { lastFrame }
        set { lastFrame = newValue }
    }

    /// Curses attributes and pair for a cell style.
    func styleFor(_ style: Style) -> (attributes: attr_t, pair: Int32) {
        styles.lookup(style)
    }

    /// Starts curses on the controlling terminal.
    /// - Parameters:
    ///   - theme: styles for semantic elements.
    ///   - depth: colour depth to use; `nil` detects it from `env` and terminfo
    ///     (`NO_COLOR` → mono, `COLORTERM=truecolor` → 24-bit if terminfo can).
    ///   - env: environment used for detection.
    ///   - ttyPath: terminal device to open.
    /// - Throws: ``TerminalUIError/noTerminal(reason:)`` when there is no usable
    ///   terminal (fall back to the plain-text path), or
    ///   ``TerminalUIError/terminalSetupFailed(reason:)``.
    public init(theme: Theme, depth: ColorDepth? = nil,
                env: [String: String] = ProcessInfo.processInfo.environment,
                ttyPath: String = "/dev/tty") throws(TerminalUIError) {
        TerminalLocale.activate()
        guard let file = fopen(ttyPath, "r+") else {
            throw .noTerminal(reason: "cannot open \(ttyPath): \(String(cString: strerror(errno)))")
        }
        guard isatty(fileno(file)) == 1 else {
            fclose(file)
            throw .noTerminal(reason: "\(ttyPath) is not a terminal")
        }
        // Saved before curses changes any mode, so handlers restore the user's settings.
        _ = gw_tty_save(fileno(file))
        guard let screen = newterm(nil, file, file) else {
            fclose(file)
            throw .noTerminal(reason: "terminal type '\(env["TERM"] ?? "")' is unknown to terminfo")
        }
        self.tty = file
        self.screen = screen
        self.depth = Self.effectiveDepth(requested: depth, env: env)
        self.theme = theme
        self.styles = StyleCache(theme: theme, depth: self.depth)
        armSignalRestore()
        configureInput()
    }

    deinit {
        restore()
    }

    /// The terminal's file descriptor, for waiting on input alongside other descriptors.
    public var inputDescriptor: Int32 { fileno(tty) }

    /// Terminal size in columns and rows.
    public var size: (width: Int, height: Int) {
        (Int(gw_cols()), Int(gw_lines()))
    }

    /// Ends curses and hands the terminal back (normal screen, cursor,
    /// cooked mode). Safe to call more than once.
    public func restore() {
        guard active else { return }
        active = false
        gw_tty_uninstall_signal_handlers()
        sendRaw(Self.bracketedPasteOff + (mouseOn ? Self.mouseReportsOff : ""))
        endwin()
        // Mouse reports still unread (a pointer moved or clicked as `q` was pressed)
        // would reach the shell as text at its prompt: drop what is waiting.
        if mouseOn { tcflush(fileno(tty), TCIFLUSH) }
        delscreen(screen)
        fclose(tty)
    }

    /// Forgets the last frame so the next ``draw(_:)`` repaints everything
    /// (after the terminal may have been disturbed, e.g. on resume).
    public func invalidate() {
        lastFrame = nil
        if active { clearok(gw_stdscr(), true) }
    }

    /// Keypad decoding, raw-ish input, no echo, invisible cursor.
    private func configureInput() {
        cbreak()
        noecho()
        nonl()
        keypad(gw_stdscr(), true)
        intrflush(gw_stdscr(), false)
        set_escdelay(25)
        curs_set(0)
        // Let curses move lines with insert/delete-line when a list shifts by one (a new
        // alert at the top of a pane) instead of rewriting every row below it.
        idlok(gw_stdscr(), true)
        if depth > .mono && has_colors() {
            start_color()
            styles.useDefaultColors = use_default_colors() == OK
        }
        // Pasted text then arrives marked, as one `.paste`: a newline in it cannot
        // submit a form, and the rest cannot run as keys. Terminals without the mode
        // ignore the request.
        sendRaw(Self.bracketedPasteOn)
    }

    /// Turns on mouse reports (clicks and the wheel). Off unless asked for: with it on,
    /// selecting text with the mouse needs Shift in most terminals.
    public func enableMouse() {
        guard active, !mouseOn else { return }
        gw_disown_mouse_key()
        sendRaw(Self.mouseReportsOn)
        mouseOn = true
    }

    /// Button presses and releases (1000), reported in the SGR form (1006): decimal
    /// numbers, so any column can be reported. A terminal without 1006 sends the X10
    /// form, which is decoded too.
    static let mouseReportsOn = "\u{1B}[?1000h\u{1B}[?1006h"
    static let mouseReportsOff = "\u{1B}[?1006l\u{1B}[?1000l"

    /// Puts `text` on the clipboard of the terminal the person sits at (OSC 52), which
    /// works over ssh and inside tmux (with `set-clipboard on`); terminals without it
    /// ignore the sequence.
    public func copyToClipboard(_ text: String) {
        guard active else { return }
        sendRaw("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}")
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Writes a control sequence curses has no capability for straight to the terminal.
    private func sendRaw(_ sequence: String) {
        fputs(sequence, tty)
        fflush(tty)
    }

    /// Captures the terminfo strings that undo curses' modes and installs
    /// async-signal-safe handlers that write them (see CShim's gw_tty_restore.c).
    private func armSignalRestore() {
        // Mouse reports off too, or a shell left behind a killed console would receive
        // escape sequences for every click.
        let sequence = TerminfoRestore.sequence() + Array((Self.bracketedPasteOff + Self.mouseReportsOff).utf8)
        sequence.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                gw_tty_set_restore_sequence(chars.baseAddress, chars.count)
            }
        }
        _ = gw_tty_install_signal_handlers()
    }

    private static func effectiveDepth(requested: ColorDepth?, env: [String: String]) -> ColorDepth {
        let colors = Int(gw_colors() > 0 ? gw_colors() : tigetnum("colors"))
        let wanted = requested ?? ColorDepth.detect(env: env, colorsFromTerminfo: colors)
        let capable: ColorDepth
        switch colors {
        case (1 << 24)...: capable = .truecolor
        case 256...: capable = .palette256
        case 8...: capable = .ansi16
        default: capable = .mono
        }
        return min(wanted, capable)
    }
}
