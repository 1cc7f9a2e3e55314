import DNSWardTestKit
import Testing

/// Everything that talks to the lab's real servers (NSD, Knot, Unbound on 127.53.x.x).
/// One lab for all of it, started before and stopped after, on every path.
@Suite(.serialized, .lab) struct LabTests {}
