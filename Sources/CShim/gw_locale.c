#include "CShim.h"
#include <langinfo.h>
#include <string.h>
#include <strings.h>

/* nl_langinfo spells the codeset "UTF-8" on glibc, but other libcs and
 * aliases use "utf8"; accept both. */
static int codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0;
}

int gw_setlocale_all(void) {
    const char *result = setlocale(LC_ALL, "");
    if (result != NULL && codeset_is_utf8()) return 1;
    /* The environment asked for a non-UTF-8 (or unknown) locale. Width
     * tables and wide-character curses both need UTF-8, so prefer the
     * locale every modern glibc ships. */
    if (setlocale(LC_ALL, "C.UTF-8") != NULL && codeset_is_utf8()) return 1;
    return 0;
}
