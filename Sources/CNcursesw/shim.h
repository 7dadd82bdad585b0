#ifndef GRIDWATCH_CNCURSESW_SHIM_H
#define GRIDWATCH_CNCURSESW_SHIM_H

/* The wide-character curses API (cchar_t, wget_wch, setcchar, ...) is only
 * declared under X/Open extended mode. SwiftPM strips pkg-config's -D flags
 * from system-library targets, so the header has to ask for it itself,
 * before anything includes <features.h>. */
#if !defined(_XOPEN_SOURCE) || (_XOPEN_SOURCE < 700)
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#undef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1

#include <stdint.h>
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects access to mutable C globals (not concurrency-safe) and
 * cannot import function-like or composite macros: wrap them. */
static inline WINDOW *gw_stdscr(void) { return stdscr; }
static inline int gw_lines(void) { return LINES; }
static inline int gw_cols(void) { return COLS; }
static inline int gw_colors(void) { return COLORS; }
static inline int gw_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t gw_a_normal(void) { return A_NORMAL; }
static inline attr_t gw_a_bold(void) { return A_BOLD; }
static inline attr_t gw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gw_a_reverse(void) { return A_REVERSE; }
static inline attr_t gw_a_dim(void) { return A_DIM; }
static inline int gw_color_pair(int n) { return (int)COLOR_PAIR(n); }

static inline int gw_key_code_yes(void) { return KEY_CODE_YES; }
static inline int gw_key_up(void) { return KEY_UP; }
static inline int gw_key_down(void) { return KEY_DOWN; }
static inline int gw_key_left(void) { return KEY_LEFT; }
static inline int gw_key_right(void) { return KEY_RIGHT; }
static inline int gw_key_home(void) { return KEY_HOME; }
static inline int gw_key_end(void) { return KEY_END; }
static inline int gw_key_npage(void) { return KEY_NPAGE; }
static inline int gw_key_ppage(void) { return KEY_PPAGE; }
static inline int gw_key_backspace(void) { return KEY_BACKSPACE; }
static inline int gw_key_dc(void) { return KEY_DC; }
static inline int gw_key_ic(void) { return KEY_IC; }
static inline int gw_key_enter(void) { return KEY_ENTER; }
static inline int gw_key_btab(void) { return KEY_BTAB; }
static inline int gw_key_resize(void) { return KEY_RESIZE; }
static inline int gw_key_f(int n) { return KEY_F(n); }
/* Takes the mouse report away from curses' key decoding (kmous), so that a report
   reaches gridwatch as ESC and its bytes, which EscapeSequence decodes. curses reads
   the rest of a report it recognises straight from the descriptor, blocking, and
   bytes it had already buffered are never found there: the console's loop then
   waited inside a non-blocking read until the next key came. */
static inline void gw_disown_mouse_key(void) { keyok(KEY_MOUSE, FALSE); }
static inline int gw_ccharw_max(void) { return CCHARW_MAX; }

/* wget_wch with a fixed-width out parameter (wint_t differs by platform).
 * Returns OK (character), KEY_CODE_YES (function key) or ERR (timeout). */
static inline int gw_get_wch(WINDOW *win, uint32_t *out) {
    wint_t value = 0;
    int result = wget_wch(win, &value);
    *out = (uint32_t)value;
    return result;
}

static inline int gw_unget_wch(uint32_t value) {
    return unget_wch((wchar_t)value);
}

/* One cell: a spacing scalar plus up to CCHARW_MAX-1 non-spacing ones.
 * The pair number goes through setcchar's opts pointer, the ncurses 6
 * extension that lifts the 32767-pair limit of the short argument. */
static inline int gw_put_cell(WINDOW *win, int y, int x, const uint32_t *scalars, int count,
                              attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    if (count > CCHARW_MAX) count = CCHARW_MAX;
    for (int i = 0; i < count; i++) text[i] = (wchar_t)scalars[i];
    text[count] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)(pair > 32767 ? 0 : pair), &pair) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

/* tigetstr answers (char *)-1 for "not a string capability": fold to NULL. */
static inline const char *gw_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == (char *)-1) ? NULL : value;
}

#endif
