#define _GNU_SOURCE
#include "CShim.h"
#include <pthread.h>

/* One C.UTF-8 locale object for the process, made on first use. */
static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void make_utf8_locale(void) {
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

int gw_wcwidth(uint32_t cp) {
    pthread_once(&utf8_once, make_utf8_locale);
    if (utf8_locale == (locale_t)0) return wcwidth((wchar_t)cp);
    /* uselocale only switches this thread, and only for the call. */
    locale_t previous = uselocale(utf8_locale);
    int w = wcwidth((wchar_t)cp);
    uselocale(previous);
    return w;
}
