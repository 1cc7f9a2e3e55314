public import DNSCore

/// What to back up and how carefully.
public struct SnapshotRequest: Sendable {
    public var zone: DomainName
    /// Where to take it from, tried in order; empty: the zone's delegation, found by walking.
    public var servers: [NameServer]
    /// Names to harvest when no server allows a transfer.
    public var critical: [(DomainName, RRType)]
    /// Harvest when no server allows a transfer (never with a TSIG key, never after a
    /// transfer that started and broke off).
    public var allowHarvest: Bool
    /// Let a harvest (a partial copy) become `latest` over a full transfer. Off by default:
    /// an ACL change or a broken transfer must not turn a 200,000-record backup into nine.
    public var allowHarvestOverAXFR: Bool
    /// More than this share of the previous good snapshot's records gone: refused.
    public var maxRecordLoss: Double
    public var retention: RetentionPolicy
    /// Signs the transfer (RFC 8945) for servers that allow AXFR only with a key.
    public var tsig: TSIGKey?
    /// Refuse a copy whose parent DS could not be fetched; false keeps it, marked
    /// "chain not checked" (`--no-chain-check`).
    public var requireChainOfTrust: Bool
    /// Bounds on the transfer; nil fields are derived from the last good snapshot.
    public var transferLimits: TransferLimitSettings

    public init(zone: DomainName, servers: [NameServer] = [], critical: [(DomainName, RRType)] = [],
                allowHarvest: Bool = true, allowHarvestOverAXFR: Bool = false, maxRecordLoss: Double = 0.1,
                retention: RetentionPolicy = RetentionPolicy(), tsig: TSIGKey? = nil, requireChainOfTrust: Bool = true,
                transferLimits: TransferLimitSettings = TransferLimitSettings()) {
        self.tsig = tsig
        self.requireChainOfTrust = requireChainOfTrust
        self.transferLimits = transferLimits
        self.zone = zone
        self.servers = servers
        self.critical = critical
        self.allowHarvest = allowHarvest
        self.allowHarvestOverAXFR = allowHarvestOverAXFR
        self.maxRecordLoss = maxRecordLoss
        self.retention = retention
    }
}

/// Keep the last `keepLast` snapshots and/or those younger than `keepDays`; the newest
/// good snapshot (what `latest` points at) and the newest good full transfer are never
/// deleted. `keepRefused` refused copies are kept in `refused/` for inspection.
public struct RetentionPolicy: Sendable {
    public var keepLast: Int?
    public var keepDays: Double?
    public var keepRefused: Int

    public init(keepLast: Int? = 10, keepDays: Double? = nil, keepRefused: Int = 5) {
        self.keepLast = keepLast
        self.keepDays = keepDays
        self.keepRefused = keepRefused
    }
}
