#include "CShim.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Everything the handler touches is plain static storage filled in before
 * the handlers are installed, so the handler itself only calls the
 * async-signal-safe write, tcsetattr, sigaction and raise. */
#define GW_SEQ_MAX 512

static int gw_fd = -1;
static struct termios gw_saved_termios;
static int gw_have_termios = 0;
static char gw_seq[GW_SEQ_MAX];
static size_t gw_seq_len = 0;

static const int gw_signals[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL
};
#define GW_SIGNAL_COUNT (sizeof(gw_signals) / sizeof(gw_signals[0]))
static struct sigaction gw_previous[GW_SIGNAL_COUNT];
static int gw_installed = 0;

int gw_tty_save(int fd) {
    gw_fd = fd;
    if (tcgetattr(fd, &gw_saved_termios) != 0) return -1;
    gw_have_termios = 1;
    return 0;
}

void gw_tty_set_restore_sequence(const char *bytes, size_t length) {
    if (bytes == NULL) length = 0;
    if (length > GW_SEQ_MAX) length = GW_SEQ_MAX;
    if (length > 0) memcpy(gw_seq, bytes, length);
    gw_seq_len = length;
}

void gw_tty_restore_now(void) {
    int saved_errno = errno;
    if (gw_fd >= 0 && gw_seq_len > 0) {
        size_t done = 0;
        while (done < gw_seq_len) {
            ssize_t n = write(gw_fd, gw_seq + done, gw_seq_len - done);
            if (n <= 0) break;
            done += (size_t)n;
        }
    }
    if (gw_fd >= 0 && gw_have_termios) {
        tcsetattr(gw_fd, TCSAFLUSH, &gw_saved_termios);
    }
    errno = saved_errno;
}

static void gw_restore_and_reraise(int sig) {
    gw_tty_restore_now();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    /* The signal is blocked while we run; it is delivered with the default
     * action as soon as the handler returns (for faults the instruction
     * re-executes and faults again under SIG_DFL). */
    raise(sig);
}

/* exit() without restore() would leave the tty raw and on the alternate
 * screen; the handlers' "installed" flag doubles as "terminal still ours". */
static void gw_restore_at_exit(void) {
    if (gw_installed) gw_tty_restore_now();
}

int gw_tty_install_signal_handlers(void) {
    static int registered_atexit = 0;
    if (gw_installed) return 0;
    if (!registered_atexit) registered_atexit = atexit(gw_restore_at_exit) == 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = gw_restore_and_reraise;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < GW_SIGNAL_COUNT; i++) {
        if (sigaction(gw_signals[i], &action, &gw_previous[i]) != 0) {
            for (size_t j = 0; j < i; j++) sigaction(gw_signals[j], &gw_previous[j], NULL);
            return -1;
        }
    }
    gw_installed = 1;
    return 0;
}

void gw_tty_uninstall_signal_handlers(void) {
    if (!gw_installed) return;
    for (size_t i = 0; i < GW_SIGNAL_COUNT; i++) sigaction(gw_signals[i], &gw_previous[i], NULL);
    gw_installed = 0;
}
