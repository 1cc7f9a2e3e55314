/// Every check dnsward runs: its ID, what it is about, what it asks and judges, its
/// severities, and the reasons it can give. The README's check table is this registry
/// rendered (a test holds the two equal), and the report's message catalogues are
/// tested against its reasons.
public struct CheckInfo: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, Codable {
        case authoritative, recursive, backup, run
    }

    public let id: CheckID
    public let scope: Scope
    /// One line: what a finding of this check is about.
    public let meaning: String
    public let asks: String
    public let judges: String
    public let severity: String
    public let reasons: [Reason]
}

public enum CheckRegistry {
    public static let checks: [CheckInfo] = [
        CheckInfo(
            id: .authDelegation, scope: .authoritative, meaning: "the parent delegates the zone to the servers the zone names",
            asks: "every parent server: `ZONE NS`; the zone's servers: apex NS, A/AAAA of in-bailiwick names",
            judges: "parent delegates the zone; parent servers agree; parent NS set = child apex NS set; glue = authoritative A/AAAA; `expected_ns`",
            severity: "not delegated: CRITICAL; differences: WARNING",
            reasons: [.notDelegated, .delegationUnresolved, .parentNoDelegation, .parentsDisagree, .childNSUnanswered,
                      .nsSetMismatch, .nsUnexpected, .glueMismatch, .delegationOK]),
        CheckInfo(
            id: .authReachUDP, scope: .authoritative, meaning: "each server address answers over UDP",
            asks: "`ZONE SOA` over UDP (EDNS 1232), every address",
            judges: "answered vs timeout vs refused (ICMP) vs unreachable, each named; an EDNS question unanswered is asked once without EDNS (answers only without EDNS: reachable, OK); TC=1 on an answer that fits; answers after wrong-ID messages",
            severity: "one address down, truncating or wrong IDs first: WARNING; none answers: CRITICAL",
            reasons: [.noAddress, .udpTimeout, .udpRefused, .udpUnreachable, .udpFailed, .udpTruncated,
                      .udpMismatchedAnswers, .udpOK]),
        CheckInfo(
            id: .authReachTCP, scope: .authoritative, meaning: "each server address answers over TCP",
            asks: "the same over TCP", judges: "connect refused, reset, timeout told apart; without EDNS as over UDP",
            severity: "WARNING (CRITICAL when nothing answers at all)",
            reasons: [.tcpTimeout, .tcpRefused, .tcpReset, .tcpUnreachable, .tcpFailed, .tcpOK]),
        CheckInfo(
            id: .authAuthority, scope: .authoritative, meaning: "each answering server is authoritative for the zone (not lame)",
            asks: "the SOA answer", judges: "NOERROR, AA, SOA owner = apex; REFUSED, SERVFAIL, no AA, referral = lame",
            severity: "each lame: WARNING; all lame: CRITICAL",
            reasons: [.lameRefused, .lameServfail, .lameRcode, .lameReferral, .lameNoAA, .lameNoSOA, .authorityOK]),
        CheckInfo(
            id: .authSerial, scope: .authoritative, meaning: "every server serves the newest SOA serial",
            asks: "the SOA answers", judges: "RFC 1982 comparison against the highest; lag measured from history; the age of a YYYYMMDDnn serial as evidence",
            severity: "behind longer than the tolerance (default: SOA refresh): WARNING; longer than SOA expire: CRITICAL; no history, or the newest serial first seen now: WARNING",
            reasons: [.serialLag, .serialLagUnknownDuration, .serialOK]),
        CheckInfo(
            id: .authData, scope: .authoritative, meaning: "every server serves the same data for the critical names",
            asks: "each critical name and type (default: [the default set](#the-default-critical-set)), RD=0, every address",
            judges: "RRsets in canonical form, TTL and order ignored, and rcodes",
            severity: "differs with equal serials: CRITICAL; with different serials: WARNING",
            reasons: [.dataDiffersEqualSerials, .dataDiffers, .dataOK]),
        CheckInfo(
            id: .authDiversity, scope: .authoritative, meaning: "the servers do not share one point of failure (RFC 2182)",
            asks: "the server set",
            judges: "≥ 2 names, ≥ 2 addresses, not all IPv4 in one /24, not all IPv6 in one /48 (RFC 2182; prefixes configurable)",
            severity: "WARNING", reasons: [.diversityLow, .diversityOK]),
        CheckInfo(
            id: .authEDNS, scope: .authoritative, meaning: "each server handles EDNS as RFC 6891 says",
            asks: "EDNS version 1, an unknown option, an unknown flag (once per address and run), DO=1; the SOA without EDNS when the SOA with EDNS times out",
            judges: "BADVERS with version 0; option not echoed; flag cleared; DO echoed; OPT present; answers only without EDNS = drops EDNS (RFC 6891 §7)",
            severity: "WARNING; a signed zone's server dropping EDNS queries: CRITICAL",
            reasons: [.ednsDropped, .ednsNoncompliant, .ednsOK]),
        CheckInfo(
            id: .authDNSSEC, scope: .authoritative, meaning: "the chain of trust from the parent's DS validates on every server",
            asks: "parent DS; DNSKEY and SOA with DO from every address",
            judges: "a DS matches a DNSKEY; DNSKEY RRset signed by it; SOA signature valid; DNSKEY RRsets equal across servers; earliest expiry",
            severity: "expired, bogus, DS without key: CRITICAL; expiry within the window (default 7 days) or keys differ: WARNING",
            reasons: [.unsigned, .dsNoKey, .rrsigExpired, .rrsigInvalid, .rrsigExpiring, .dnskeyDiffers, .dnskeyMissing, .dnssecOK]),
        CheckInfo(
            id: .authAXFR, scope: .authoritative, meaning: "whether the zone is open to transfer from this vantage point",
            asks: "AXFR over TCP, stopped after the first message", judges: "open vs refused",
            severity: "open: WARNING unless `axfr_expected`; refused: OK, noted (backups must harvest)",
            reasons: [.axfrOpen, .axfrOpenExpected, .axfrRefused, .axfrUnavailable]),
        CheckInfo(
            id: .authLatency, scope: .authoritative, meaning: "each server answers quickly enough",
            asks: "the SOA round trips", judges: "against thresholds", severity: "WARNING > 200 ms, CRITICAL > 1 s",
            reasons: [.latencyHigh, .latencyOK]),
        CheckInfo(
            id: .recReach, scope: .recursive, meaning: "the resolver answers recursive queries",
            asks: "`ZONE SOA`, RD=1, UDP and TCP", judges: "answered, RA, NOERROR",
            severity: "no answer: CRITICAL; one transport fails: WARNING",
            reasons: [.resolverUnreachable, .resolverNoRecursion, .resolverRcode, .resolverOK]),
        CheckInfo(
            id: .recCorrect, scope: .recursive, meaning: "the resolver's answers equal what the authorities serve (no hijack)",
            asks: "each critical name and type (default: [the default set](#the-default-critical-set)), RD=1",
            judges: "the answer equals an RRset the zone's own servers serve (policy `exact`), is within their union (`subset`), or is non-empty (`any`); TTL ignored",
            severity: "CRITICAL, both answers in the evidence",
            reasons: [.resolverNoAnswer, .hijack, .resolverNodata, .resolverFalseNXDomain, .resolverDataForNXDomain,
                      .resolverAnswerRcode, .resolverNotSubset, .resolverEmpty, .resolverCorrect]),
        CheckInfo(
            id: .recNXDomain, scope: .recursive, meaning: "the resolver passes NXDOMAIN through (no redirection)",
            asks: "a random 16-character label under each zone, A and AAAA",
            judges: "asked of the authorities first (wildcards are legitimate); NXDOMAIN there but data from the resolver = redirection",
            severity: "CRITICAL", reasons: [.nxdomainRedirect, .nxdomainOK]),
        CheckInfo(
            id: .recDNSSEC, scope: .recursive, meaning: "the resolver validates DNSSEC where it should",
            asks: "for `validating` resolvers: a signed zone's SOA with DO; the `dnssec_canary`",
            judges: "AD on the signed zone; SERVFAIL on the canary", severity: "CRITICAL",
            reasons: [.notValidating, .canaryAccepted, .validatingOK, .canaryRefused]),
        CheckInfo(
            id: .probe, scope: .run, meaning: "the probe run itself could not do all it should",
            asks: "the run itself", judges: "deadline reached, history or metrics not writable", severity: "UNKNOWN",
            reasons: [.deadlineZone, .deadlineResolvers, .historyFailed, .metricsFailed]),
        CheckInfo(
            id: .backupFallback, scope: .backup, meaning: "the automatic switch of a zone to its backup",
            asks: "zones with a `fallback:` section: did any authority answer this run?",
            judges: "counts silent and answering runs; switches the backup in or out (see restore)",
            severity: "OK armed; WARNING serving from backup or switched; CRITICAL a due switch failed",
            reasons: [.fallbackSwitched, .fallbackSwitchFailed, .fallbackUndone, .fallbackUndoFailed, .fallbackActive,
                      .fallbackCounting, .fallbackArmed, .fallbackError]),
    ]

    public static func info(_ id: CheckID) -> CheckInfo? {
        checks.first { $0.id == id }
    }

    /// Every reason any check can give.
    public static var reasons: [Reason] { checks.flatMap(\.reasons) }

    /// The README's check table, one row per check.
    public static var markdownTable: String {
        (["| ID | asks | judges | severity |", "|---|---|---|---|"]
            + checks.map { "| `\($0.id)` | \($0.asks) | \($0.judges) | \($0.severity) |" }).joined(separator: "\n")
    }
}
