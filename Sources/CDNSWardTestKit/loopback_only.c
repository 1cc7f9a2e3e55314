#include <stdlib.h>
#include "CDNSWardTestKit.h"

const char *const dnsward_test_allow_targets = "127.0.0.0/8, ::1";

/* No test may send a packet off the machine, however the tests are started (swift test,
 * scripts/test.sh, an editor): before main, and so before DNSCore reads it and before
 * any test starts a dnsward binary (which inherits it), the environment allows loopback
 * only. Overwriting on purpose: no setting of the caller's may widen it. */
__attribute__((constructor))
static void dnsward_tests_allow_loopback_only(void) {
    setenv("DNSWARD_ALLOW_TARGETS", dnsward_test_allow_targets, 1);
}
