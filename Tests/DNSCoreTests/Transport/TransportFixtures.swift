/// Helpers for the transport tests: real servers on loopback, plain
/// sockets that stage failures, and a tiny query builder. Kept under one
/// name so they cannot clash with other test helpers in the same target.
enum TransportFixtures {}
