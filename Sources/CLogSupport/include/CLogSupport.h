#ifndef GRIDWATCH_CLOGSUPPORT_H
#define GRIDWATCH_CLOGSUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `len` bytes, continuing from `crc` (start with 0).
/// Uses the SSE 4.2 instruction when the processor has it.
uint32_t gw_crc32c(uint32_t crc, const void *data, size_t len);

/// inotify_init1(IN_NONBLOCK | IN_CLOEXEC); -1 with errno on failure.
int gw_inotify_open(void);

/// Watches `path` for modification, attribute change, truncation, deletion or move.
int gw_inotify_watch(int fd, const char *path);

/// Waits up to `timeout_ms` for `fd` to become readable, then drains it.
/// Returns 1 if there was an event, 0 on timeout, -1 on error.
int gw_wait_readable(int fd, int timeout_ms);

/// flock(fd, LOCK_EX) retried on EINTR; 0 or -1 with errno.
int gw_lock_exclusive(int fd);

/// flock(fd, LOCK_UN).
int gw_unlock(int fd);

/// Fills buf with len random bytes from getrandom(2); returns 0, or -1 with errno set.
int gw_random_bytes(void *buf, size_t len);

#endif
