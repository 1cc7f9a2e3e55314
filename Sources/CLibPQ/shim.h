#ifndef DNSWARD_CLIBPQ_SHIM_H
#define DNSWARD_CLIBPQ_SHIM_H

/* libpq, PostgreSQL's own C client (Debian libpq-dev, pkg-config libpq), for the sweep's
 * PostgreSQL store. Only SweepStorage imports it. */
#include <libpq-fe.h>

/* The diagnostic field codes are character-literal macros, which Swift does not import. */
static inline int clibpq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int clibpq_diag_message_detail(void) { return PG_DIAG_MESSAGE_DETAIL; }
static inline int clibpq_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }

#endif
