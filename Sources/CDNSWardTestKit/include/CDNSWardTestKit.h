#ifndef CDNSWARDTESTKIT_H
#define CDNSWARDTESTKIT_H

/// The target allow-list every test process runs under: "127.0.0.0/8, ::1". It is put into
/// DNSWARD_ALLOW_TARGETS before the first test runs (see loopback_only.c).
extern const char *const dnsward_test_allow_targets;

#endif
