/// What a screen loop needs from a terminal: its size, keys, and a way to show a
/// frame. The ncurses backend implements it for a real terminal; `TestTerminal`
/// implements it over a `Buffer`, so loops can be tested without one.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// A descriptor that becomes readable when input arrives, or -1 (a test terminal:
    /// its keys are all queued already).
    var inputDescriptor: Int32 { get }
    /// Styles for semantic elements; assigning repaints on the next draw.
    var theme: Theme { get set }
    /// The next key, waiting up to `timeoutMs` (0: do not wait); nil if none.
    /// A `.resize` key reports a new size.
    func readKey(timeoutMs: Int) -> Key?
    /// Shows `buffer` (skipped when it equals the last frame shown).
    func draw(_ buffer: Buffer)
    /// Forgets the last frame, so the next draw repaints everything.
    func invalidate()
    /// Hands the terminal back. Idempotent.
    func restore()
    /// Starts reporting mouse clicks and the wheel as `.mouse` keys.
    func enableMouse()
    /// Puts text on the person's clipboard, where the terminal allows it.
    func copyToClipboard(_ text: String)
}

/// A terminal made of a buffer, for tests (like ratatui's `TestBackend`): keys are
/// queued by the test, frames are kept for inspection, and resizing is a call.
public final class TestTerminal: Terminal {
    public private(set) var size: (width: Int, height: Int)
    public var inputDescriptor: Int32 { -1 }
    public var theme: Theme
    private var keys: [Key] = []
    /// The last frame shown.
    public private(set) var screen: Buffer
    /// Frames actually drawn (identical frames are skipped, as on a real terminal).
    public private(set) var frames = 0
    /// Times the next frame was forced to repaint everything.
    public private(set) var invalidations = 0
    private var fresh = true
    /// Whether `restore` was called.
    public private(set) var restored = false
    /// What was put on the clipboard, oldest first.
    public private(set) var clipboard: [String] = []
    /// Whether mouse reports were asked for.
    public private(set) var mouseEnabled = false

    public func enableMouse() { mouseEnabled = true }
    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    /// A terminal of `width` x `height`.
    public init(width: Int, height: Int, theme: Theme = .monochrome) {
        size = (width, height)
        self.theme = theme
        screen = Buffer(width: width, height: height)
    }

    /// Queues keys for `readKey`.
    public func type(_ k: Key...) { keys += k }

    /// Changes the size and queues the `.resize` key a real terminal would send.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        keys.append(.resize(width: width, height: height))
    }

    public func readKey(timeoutMs: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

    public func draw(_ buffer: Buffer) {
        guard fresh || buffer != screen else { return }
        screen = buffer
        frames += 1
        fresh = false
    }

    public func invalidate() {
        invalidations += 1
        fresh = true
    }

    public func restore() { restored = true }

    /// The screen as lines of text, trailing spaces removed.
    public var text: String { screen.lines(trimTrailing: true).joined(separator: "\n") }
}
