/// What a sweep keeps of one zone: its worst severity and its non-OK findings. OK
/// findings are never stored: at 10^7 zones x 15 checks they would be 1.5 x 10^8 rows
/// per sweep, and the census counts every zone through `status` anyway.
public struct SweepZoneResult: Hashable, Sendable {
    /// The work item's `sequence` (what makes a commit exact; the zone name is for people).
    public let sequence: Int64
    public let zone: String
    public let status: Severity
    /// The findings worse than OK; OK findings given here are dropped.
    public let findings: [Finding]
    /// The NS names the zone was found delegated to: the census counts per operator from
    /// them (for a zone from a list, the parent's answer; else the zone file's NS set).
    public let nameServers: [String]

    public init(sequence: Int64, zone: String, status: Severity, findings: [Finding], nameServers: [String]) {
        self.sequence = sequence
        self.zone = zone
        self.status = status
        self.findings = findings.filter { $0.severity != .ok }
        self.nameServers = nameServers
    }

    /// The result with the worst severity of its findings as status (OK without any).
    public init(item: SweepItem, findings: [Finding], nameServers: [String]? = nil) {
        self.init(sequence: item.sequence, zone: item.zone,
                  status: findings.map(\.severity).max() ?? .ok, findings: findings,
                  nameServers: nameServers ?? item.delegation.nameServers)
    }
}

/// What a store did with a batch of results.
public struct SweepCommit: Hashable, Sendable {
    /// Results stored and counted.
    public let accepted: Int
    /// Zones whose result was dropped because this claimer no longer held their lease (it
    /// expired and another claimer took them, or they were done already): counted once,
    /// by whoever holds the lease.
    public let rejected: [String]

    public init(accepted: Int, rejected: [String]) {
        self.accepted = accepted
        self.rejected = rejected
    }
}
