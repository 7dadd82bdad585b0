// The shipped themes, embedded so an installed binary needs no files. A test checks
// these equal the files in themes/; edit those and copy them here.

/// Built-in theme sources by name.
public enum BuiltinThemes {
    /// Theme file text by theme name.
    public static let sources: [String: String] = [
        "default": #"""
# gridwatch default theme: dark, for control-room screens.
name = "default"
description = "Dark theme (default)"

# Colours: "default" (terminal's own), "#rrggbb", "#rgb", ANSI names
# (black red green yellow blue magenta cyan white, brightRed ...), or a
# 256-palette index 0-255. Attributes: bold underline reverse dim.
# Shorthand: element = "#rrggbb" sets only the foreground.

[colors]
text               = { fg = "#d7dae0", bg = "#1c1f24" }
textDim            = { fg = "#8b929c", bg = "#1c1f24" }
header             = { fg = "#e8eef5", bg = "#1f3a5f", bold = true }
headerText         = { fg = "#ffffff", bg = "#1f3a5f", bold = true }
paneBorder         = { fg = "#4b5363", bg = "#1c1f24" }
paneBorderFocus    = { fg = "#5fafff", bg = "#1c1f24", bold = true }
paneTitle          = { fg = "#aab2bf", bg = "#1c1f24" }
paneTitleFocus     = { fg = "#5fafff", bg = "#1c1f24", bold = true }
tableHeader        = { fg = "#d7dae0", bg = "#2a2f37", bold = true }
selection          = { fg = "#ffffff", bg = "#2f5f8f", bold = true }
selectionUnfocused = { fg = "#d7dae0", bg = "#353b45" }
marked             = { fg = "#87d787", bg = "#1c1f24", bold = true }
alertRed           = { fg = "#ff5f5f", bg = "#1c1f24", bold = true }
alertOrange        = { fg = "#ffaf5f", bg = "#1c1f24", bold = true }
alertYellow        = { fg = "#ffd75f", bg = "#1c1f24" }
alertBlue          = { fg = "#5fafff", bg = "#1c1f24" }
overdue            = { fg = "#ff5f5f", bg = "#1c1f24", bold = true, underline = true }
cardYellow         = { fg = "#1c1f24", bg = "#ffd75f", bold = true }
cardRed            = { fg = "#ffffff", bg = "#d70000", bold = true }
statusBar          = { fg = "#aab2bf", bg = "#2a2f37" }
statusKey          = { fg = "#ffd75f", bg = "#2a2f37", bold = true }
muted              = { fg = "#6b7280", bg = "#1c1f24" }
good               = { fg = "#87d787", bg = "#1c1f24" }
warning            = { fg = "#ffaf5f", bg = "#1c1f24" }
error              = { fg = "#ff5f5f", bg = "#1c1f24", bold = true }
stale              = { fg = "#c0a060", bg = "#1c1f24", dim = true }
escapedText        = { fg = "#ff87ff", bg = "#3a1f3a" }
inputLabel         = { fg = "#aab2bf", bg = "#1c1f24" }
inputField         = { fg = "#d7dae0", bg = "#2a2f37" }
inputFieldFocus    = { fg = "#ffffff", bg = "#3a4556" }
banner             = { fg = "#1c1f24", bg = "#ffaf5f", bold = true }

"""#,
        "light": #"""
# gridwatch light theme: for bright rooms and projectors.
name = "light"
description = "Light theme"

# Colours: "default" (terminal's own), "#rrggbb", "#rgb", ANSI names
# (black red green yellow blue magenta cyan white, brightRed ...), or a
# 256-palette index 0-255. Attributes: bold underline reverse dim.
# Shorthand: element = "#rrggbb" sets only the foreground.

[colors]
text               = { fg = "#1f2328", bg = "#fafafa" }
textDim            = { fg = "#57606a", bg = "#fafafa" }
header             = { fg = "#ffffff", bg = "#1f4e8c", bold = true }
headerText         = { fg = "#ffffff", bg = "#1f4e8c", bold = true }
paneBorder         = { fg = "#afb8c1", bg = "#fafafa" }
paneBorderFocus    = { fg = "#0969da", bg = "#fafafa", bold = true }
paneTitle          = { fg = "#57606a", bg = "#fafafa" }
paneTitleFocus     = { fg = "#0969da", bg = "#fafafa", bold = true }
tableHeader        = { fg = "#1f2328", bg = "#e8eaed", bold = true }
selection          = { fg = "#ffffff", bg = "#0969da", bold = true }
selectionUnfocused = { fg = "#1f2328", bg = "#dde3ea" }
marked             = { fg = "#1a7f37", bg = "#fafafa", bold = true }
alertRed           = { fg = "#cf222e", bg = "#fafafa", bold = true }
alertOrange        = { fg = "#bc4c00", bg = "#fafafa", bold = true }
alertYellow        = { fg = "#9a6700", bg = "#fafafa" }
alertBlue          = { fg = "#0550ae", bg = "#fafafa" }
overdue            = { fg = "#cf222e", bg = "#fafafa", bold = true, underline = true }
cardYellow         = { fg = "#1f2328", bg = "#f5d90a", bold = true }
cardRed            = { fg = "#ffffff", bg = "#cf222e", bold = true }
statusBar          = { fg = "#57606a", bg = "#e8eaed" }
statusKey          = { fg = "#0550ae", bg = "#e8eaed", bold = true }
muted              = { fg = "#8c959f", bg = "#fafafa" }
good               = { fg = "#1a7f37", bg = "#fafafa" }
warning            = { fg = "#bc4c00", bg = "#fafafa" }
error              = { fg = "#cf222e", bg = "#fafafa", bold = true }
stale              = { fg = "#8a6d3b", bg = "#fafafa", dim = true }
escapedText        = { fg = "#8250df", bg = "#f3e8ff" }
inputLabel         = { fg = "#57606a", bg = "#fafafa" }
inputField         = { fg = "#1f2328", bg = "#e8eaed" }
inputFieldFocus    = { fg = "#1f2328", bg = "#ffffff", underline = true }
banner             = { fg = "#ffffff", bg = "#bc4c00", bold = true }

"""#,
        "high-contrast": #"""
# gridwatch high-contrast theme: maximum legibility, ANSI colours only.
name = "high-contrast"
description = "High contrast (16 ANSI colours)"

# Colours: "default" (terminal's own), "#rrggbb", "#rgb", ANSI names
# (black red green yellow blue magenta cyan white, brightRed ...), or a
# 256-palette index 0-255. Attributes: bold underline reverse dim.
# Shorthand: element = "#rrggbb" sets only the foreground.

[colors]
text               = { fg = "brightWhite", bg = "black" }
textDim            = { fg = "white", bg = "black" }
header             = { fg = "black", bg = "brightWhite", bold = true }
headerText         = { fg = "black", bg = "brightWhite", bold = true }
paneBorder         = { fg = "white", bg = "black" }
paneBorderFocus    = { fg = "brightYellow", bg = "black", bold = true }
paneTitle          = { fg = "brightWhite", bg = "black" }
paneTitleFocus     = { fg = "brightYellow", bg = "black", bold = true }
tableHeader        = { fg = "brightWhite", bg = "black", bold = true, underline = true }
selection          = { fg = "black", bg = "brightYellow", bold = true }
selectionUnfocused = { fg = "black", bg = "white" }
marked             = { fg = "brightGreen", bg = "black", bold = true }
alertRed           = { fg = "brightWhite", bg = "red", bold = true }
alertOrange        = { fg = "black", bg = "brightRed", bold = true }
alertYellow        = { fg = "black", bg = "brightYellow", bold = true }
alertBlue          = { fg = "brightWhite", bg = "blue", bold = true }
overdue            = { fg = "brightRed", bg = "black", bold = true, underline = true }
cardYellow         = { fg = "black", bg = "brightYellow", bold = true }
cardRed            = { fg = "brightWhite", bg = "red", bold = true }
statusBar          = { fg = "black", bg = "brightWhite" }
statusKey          = { fg = "black", bg = "brightWhite", bold = true, underline = true }
muted              = { fg = "white", bg = "black" }
good               = { fg = "brightGreen", bg = "black", bold = true }
warning            = { fg = "brightYellow", bg = "black", bold = true }
error              = { fg = "brightRed", bg = "black", bold = true }
stale              = { fg = "brightMagenta", bg = "black", underline = true }
escapedText        = { fg = "black", bg = "brightMagenta" }
inputLabel         = { fg = "brightWhite", bg = "black", bold = true }
inputField         = { fg = "brightWhite", bg = "black", underline = true }
inputFieldFocus    = { fg = "black", bg = "brightCyan" }
banner             = { fg = "black", bg = "brightYellow", bold = true }

"""#,
        "mono": #"""
# gridwatch monochrome theme: no colour at all, attributes only.
# Used for NO_COLOR and terminals without colour; mirrors Theme.monochrome.
name = "mono"
description = "Monochrome (attributes only)"

# Colours: "default" (terminal's own), "#rrggbb", "#rgb", ANSI names
# (black red green yellow blue magenta cyan white, brightRed ...), or a
# 256-palette index 0-255. Attributes: bold underline reverse dim.
# Shorthand: element = "#rrggbb" sets only the foreground.

[colors]
text               = { fg = "default", bg = "default" }
textDim            = { fg = "default", bg = "default", dim = true }
header             = { fg = "default", bg = "default", bold = true, reverse = true }
headerText         = { fg = "default", bg = "default", bold = true, reverse = true }
paneBorder         = { fg = "default", bg = "default", dim = true }
paneBorderFocus    = { fg = "default", bg = "default", bold = true }
paneTitle          = { fg = "default", bg = "default" }
paneTitleFocus     = { fg = "default", bg = "default", bold = true }
tableHeader        = { fg = "default", bg = "default", bold = true }
selection          = { fg = "default", bg = "default", reverse = true }
selectionUnfocused = { fg = "default", bg = "default", underline = true }
marked             = { fg = "default", bg = "default", reverse = true }
alertRed           = { fg = "default", bg = "default", bold = true, underline = true }
alertOrange        = { fg = "default", bg = "default", underline = true }
alertYellow        = { fg = "default", bg = "default" }
alertBlue          = { fg = "default", bg = "default" }
overdue            = { fg = "default", bg = "default", bold = true, underline = true }
cardYellow         = { fg = "default", bg = "default", underline = true }
cardRed            = { fg = "default", bg = "default", bold = true, underline = true }
statusBar          = { fg = "default", bg = "default", reverse = true }
statusKey          = { fg = "default", bg = "default", bold = true, reverse = true }
muted              = { fg = "default", bg = "default", dim = true }
good               = { fg = "default", bg = "default" }
warning            = { fg = "default", bg = "default" }
error              = { fg = "default", bg = "default", bold = true }
stale              = { fg = "default", bg = "default", dim = true }
escapedText        = { fg = "default", bg = "default", underline = true }
inputLabel         = { fg = "default", bg = "default" }
inputField         = { fg = "default", bg = "default", underline = true }
inputFieldFocus    = { fg = "default", bg = "default", bold = true, underline = true }
banner             = { fg = "default", bg = "default", bold = true, reverse = true }

"""#,
    ]
}
