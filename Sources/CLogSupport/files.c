#define _GNU_SOURCE
#include "CLogSupport.h"
#include <errno.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/random.h>
#include <unistd.h>

int gw_inotify_open(void) { return inotify_init1(IN_NONBLOCK | IN_CLOEXEC); }

int gw_inotify_watch(int fd, const char *path) {
    return inotify_add_watch(fd, path, IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF);
}

int gw_wait_readable(int fd, int timeout_ms) {
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int r = poll(&p, 1, timeout_ms);
    if (r <= 0) return r == 0 ? 0 : (errno == EINTR ? 0 : -1);
    char buf[4096];
    while (read(fd, buf, sizeof buf) > 0) {}
    return 1;
}

int gw_lock_exclusive(int fd) {
    int r;
    do { r = flock(fd, LOCK_EX); } while (r != 0 && errno == EINTR);
    return r;
}

int gw_unlock(int fd) { return flock(fd, LOCK_UN); }

int gw_random_bytes(void *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = getrandom((char *)buf + done, len - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}
