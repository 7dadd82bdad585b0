// SQLite's C API, for gridwatch-bench only: the peer the benchmark measures against.
#include <sqlite3.h>
