public import DNSCore

/// How a sweep host works through its share of a TLD.
public struct SweepOptions: Sendable {
    /// Questions a second to any one server address (a token bucket per address);
    /// 0: unlimited. With N hosts a server sees up to N times this.
    public var ratePerServer: Double
    /// Zones checked at once.
    public var workers: Int
    /// Zones claimed, and results recorded, per store transaction.
    public var batchSize: Int
    /// How long a claim holds its zones; renewed every third of it while the host works,
    /// so only a host that died (or stalled that long) loses them.
    public var lease: Duration
    public var queryOptions: QueryOptions
    /// Queries in flight at once, overall and towards one address.
    public var maxInFlight: Int
    public var maxInFlightPerServer: Int
    public var thresholds: Thresholds
    /// Port of the servers (53 outside tests).
    public var port: UInt16
    /// For NS names the zone file has no address for, and the TLD's servers of a list.
    public var rootHints: RootHints
    /// The TLD's servers to ask for the delegations of a list (`--zones`); empty: found
    /// from the root once.
    public var parentServers: [ServerAddress] = []

    public static let defaultRatePerServer: Double = 200
    public static let defaultLease: Duration = .seconds(60)

    public init(ratePerServer: Double = SweepOptions.defaultRatePerServer, workers: Int = 512, batchSize: Int = 500,
                lease: Duration = SweepOptions.defaultLease,
                queryOptions: QueryOptions = ProbeConfiguration.defaultQueryOptions,
                maxInFlight: Int = 4096, maxInFlightPerServer: Int = 512, thresholds: Thresholds = Thresholds(),
                port: UInt16 = 53, rootHints: RootHints = .iana) {
        self.ratePerServer = ratePerServer
        self.workers = workers
        self.batchSize = batchSize
        self.lease = lease
        self.queryOptions = queryOptions
        self.maxInFlight = maxInFlight
        self.maxInFlightPerServer = maxInFlightPerServer
        self.thresholds = thresholds
        self.port = port
        self.rootHints = rootHints
    }
}

/// What one host did in a sweep so far (its Prometheus metrics and status line).
public struct SweepHostStats: Sendable, Hashable {
    /// Results this host committed.
    public var zonesDone = 0
    /// Claims made, and the zones they gave.
    public var claims = 0
    public var zonesClaimed = 0
    /// Results refused because this host's lease on them had run out.
    public var leaseLosses = 0
    public var renewals = 0
    /// Server addresses asked the per-server checks.
    public var serverAddresses = 0
    public var seconds: Double = 0

    public init() {}

    public var zonesPerSecond: Double { seconds > 0 ? Double(zonesDone) / seconds : 0 }
}
