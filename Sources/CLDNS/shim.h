#ifndef DNSWARD_CLDNS_SHIM_H
#define DNSWARD_CLDNS_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <ldns/ldns.h>
#include <openssl/evp.h>

/* Swift 6 refuses to read mutable C globals; these hand them over as values. */
static inline const ldns_output_format *cldns_output_format_nocomments(void) {
    return ldns_output_format_nocomments;
}

static inline const ldns_output_format *cldns_output_format_bubblebabble(void) {
    return ldns_output_format_bubblebabble;
}

/* ldns allocates with malloc; callers free the strings and buffers it returns. */
static inline void cldns_free(void *pointer) {
    free(pointer);
}

#endif
