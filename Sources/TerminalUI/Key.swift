import Foundation

/// A decoded key press (or terminal event) in backend-neutral form.
public enum Key: Hashable, Sendable {
    /// A printable character, including CJK committed by an input method.
    case char(Character)
    /// Cursor up.
    case up
    /// Cursor down.
    case down
    /// Cursor left.
    case left
    /// Cursor right.
    case right
    /// Return / Enter (main or keypad).
    case enter
    /// A lone Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (^H or DEL, whichever the terminal sends).
    case backspace
    /// Forward delete.
    case delete
    /// Insert.
    case insert
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// Function key F1...F63.
    case f(Int)
    /// Control plus a letter or symbol, lowercase: `.ctrl("a")` for ^A.
    case ctrl(Character)
    /// Alt/Meta plus a character (sent by terminals as ESC + character).
    case alt(Character)
    /// The terminal changed size; the new size in columns and rows.
    case resize(width: Int, height: Int)
    /// Something the decoder did not recognise, described for logs.
    case unknown(String)
    /// Text the terminal delivered as one paste (bracketed paste mode): it goes into a
    /// field whole, so a newline in it never submits a form and none of it runs as keys.
    case paste(String)
    /// A mouse click or wheel turn at a cell (columns and rows from 0).
    case mouse(MouseEvent)

    /// Maps a raw control scalar the way terminals send them: ^I is Tab,
    /// ^M/^J Enter, ^H/DEL Backspace, ^[ Escape, other C0 → `.ctrl`.
    /// Printable scalars give `.char`; C1 controls give `.unknown`.
    public init(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x09: self = .tab
        case 0x0A, 0x0D: self = .enter
        case 0x08, 0x7F: self = .backspace
        case 0x1B: self = .escape
        case 0x00: self = .ctrl(" ")
        case 0x01...0x1A: self = .ctrl(Character(Unicode.Scalar(scalar.value + 0x60) ?? "?"))
        case 0x1C...0x1F: self = .ctrl(Character(Unicode.Scalar(scalar.value + 0x40) ?? "?"))
        case 0x80...0x9F: self = .unknown(String(format: "C1 U+%04X", scalar.value))
        default: self = .char(Character(scalar))
        }
    }

    /// True for keys that insert text into a field.
    public var isPrintable: Bool {
        if case .char = self { return true }
        return false
    }
}

/// What the mouse did, and where.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The left button went down (or was clicked).
        case press
        /// The wheel turned one notch away from the person, or towards them.
        case wheelUp, wheelDown
    }
    /// What happened.
    public var kind: Kind
    /// The column, from 0 at the left.
    public var x: Int
    /// The row, from 0 at the top.
    public var y: Int

    /// A mouse event at column `x`, row `y`.
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}
