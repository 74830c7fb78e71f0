// libpq, PostgreSQL's C client library (Debian: libpq-dev; headers in /usr/include/postgresql,
// found through pkg-config's `libpq`). Only the Swift types in Catalogue/PostgreSQL talk to it.
#include <libpq-fe.h>

// The diagnostic field codes are character macros ('C', 'M'), which Swift does not import.
static inline int digitize_pq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int digitize_pq_diag_message(void) { return PG_DIAG_MESSAGE_PRIMARY; }
