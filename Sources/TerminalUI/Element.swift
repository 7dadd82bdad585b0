/// Semantic screen elements. Widgets and the application colour cells by
/// meaning; a ``Theme`` decides what each meaning looks like.
///
/// `rawValue` is the key used under `[colors]` in theme files.
public enum Element: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Ordinary body text.
    case text
    /// Secondary body text (timestamps, hints).
    case textDim
    /// Application title bar background.
    case header
    /// Text written on the title bar.
    case headerText
    /// Border of an unfocused pane.
    case paneBorder
    /// Border of the focused pane.
    case paneBorderFocus
    /// Title of an unfocused pane.
    case paneTitle
    /// Title of the focused pane.
    case paneTitleFocus
    /// Column header row of a table.
    case tableHeader
    /// Selected row in the focused list.
    case selection
    /// Selected row in a list that does not have focus.
    case selectionUnfocused
    /// Item marked in a multi-select picker.
    case marked
    /// Highest severity alert.
    case alertRed
    /// Second severity alert.
    case alertOrange
    /// Third severity alert.
    case alertYellow
    /// Informational alert.
    case alertBlue
    /// Work past its deadline.
    case overdue
    /// Yellow card (warning) supervision notice.
    case cardYellow
    /// Red card (serious) supervision notice.
    case cardRed
    /// Status line background and hint labels.
    case statusBar
    /// Key names inside the status line.
    case statusKey
    /// De-emphasised decoration.
    case muted
    /// Healthy / success state.
    case good
    /// Degraded state.
    case warning
    /// Failed state.
    case error
    /// Data that has not been refreshed recently.
    case stale
    /// Visible escapes produced by ``Sanitizer`` from untrusted text.
    case escapedText
    /// Label in front of a form field.
    case inputLabel
    /// An unfocused form field.
    case inputField
    /// The focused form field.
    case inputFieldFocus
    /// Full-width announcements (connection lost, drill mode...).
    case banner

    /// Orders elements by declaration, so theme files and listings are stable.
    public static func < (lhs: Element, rhs: Element) -> Bool {
        let all = Element.allCases
        return (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
    }
}
