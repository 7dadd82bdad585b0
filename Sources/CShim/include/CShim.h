#ifndef GRIDWATCH_CSHIM_H
#define GRIDWATCH_CSHIM_H

/* wcwidth is an X/Open function: glibc only declares it when _XOPEN_SOURCE is
 * set before the first system header. The Swift importer sees this header
 * first, so defining it here is what makes the declaration visible. */
#if !defined(_XOPEN_SOURCE) || (_XOPEN_SOURCE < 700)
#undef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include <locale.h>

/* Column width of one Unicode scalar per the C library's tables, measured in
 * C.UTF-8 whatever the process locale is, so widths never depend on the
 * environment. Returns -1 for non-printable or unassigned scalars. */
int gw_wcwidth(uint32_t cp);

/* setlocale(LC_ALL, "") with a fallback to C.UTF-8 when the environment's
 * locale is missing or not UTF-8. Returns 1 when a UTF-8 locale is active. */
int gw_setlocale_all(void);

/* Async-signal-safe terminal restoration (see gw_tty_restore.c).
 * gw_tty_save: remember fd and its current termios. Returns 0 on success.
 * gw_tty_set_restore_sequence: bytes written to fd before the termios reset
 *   (e.g. terminfo rmcup + cnorm + sgr0); truncated to 512 bytes.
 * gw_tty_install_signal_handlers: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV,
 *   SIGBUS, SIGABRT, SIGFPE, SIGILL restore the tty then re-raise with the
 *   default action; an atexit hook does the same restore if the process
 *   exits while they are still installed. Returns 0 on success.
 * gw_tty_uninstall_signal_handlers: put back the previous dispositions.
 * gw_tty_restore_now: do what the handler does, without raising. */
int gw_tty_save(int fd);
void gw_tty_set_restore_sequence(const char *bytes, size_t length);
int gw_tty_install_signal_handlers(void);
void gw_tty_uninstall_signal_handlers(void);
void gw_tty_restore_now(void);

#endif
