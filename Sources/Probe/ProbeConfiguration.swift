public import DNSCore

/// What to probe and how strictly; the CLI builds it from YAML and flags.
public struct ProbeConfiguration: Sendable {
    public var zones: [ZoneTarget]
    public var resolvers: [ResolverTarget]
    public var rootHints: RootHints
    public var thresholds: Thresholds
    public var queryOptions: QueryOptions
    /// Queries in flight at once over the whole run, and towards any one server.
    public var maxInFlight: Int
    public var maxInFlightPerServer: Int
    /// The run ends by then whatever happens; what did not finish is UNKNOWN.
    public var deadline: Duration
    /// Port of servers learned from referrals (53 outside tests).
    public var port: UInt16

    /// A question is sent again after 1 s and given up after 2 s (TCP gets the 2 s in its
    /// one attempt). An answer later than AUTH-LATENCY's critical threshold (1 s) is a
    /// failure already, so waiting longer would only make a dead server cost more: with
    /// every question to an address asked at once, a dead address costs the run these 2 s
    /// once.
    public static let defaultQueryOptions = QueryOptions(timeout: .seconds(1), udpRetries: 1)

    public init(
        zones: [ZoneTarget], resolvers: [ResolverTarget] = [], rootHints: RootHints = .iana,
        thresholds: Thresholds = Thresholds(), queryOptions: QueryOptions = ProbeConfiguration.defaultQueryOptions,
        maxInFlight: Int = 256, maxInFlightPerServer: Int = 16, deadline: Duration = .seconds(50), port: UInt16 = 53
    ) {
        self.zones = zones
        self.resolvers = resolvers
        self.rootHints = rootHints
        self.thresholds = thresholds
        self.queryOptions = queryOptions
        self.maxInFlight = maxInFlight
        self.maxInFlightPerServer = maxInFlightPerServer
        self.deadline = deadline
        self.port = port
    }
}

public struct ZoneTarget: Sendable {
    public var name: DomainName
    /// When set, the delegation's NS set must equal it.
    public var expectedNS: Set<DomainName>?
    /// How long a server may stay behind the newest serial; nil: the zone's SOA refresh.
    public var serialLagTolerance: Duration?
    /// True when this vantage point is meant to transfer the zone (backups): open AXFR is OK.
    public var axfrExpected: Bool
    public var critical: [CriticalRecord]

    public init(name: DomainName, expectedNS: Set<DomainName>? = nil, serialLagTolerance: Duration? = nil,
                axfrExpected: Bool = false, critical: [CriticalRecord] = []) {
        self.name = name
        self.expectedNS = expectedNS
        self.serialLagTolerance = serialLagTolerance
        self.axfrExpected = axfrExpected
        self.critical = critical
    }
}

public struct CriticalRecord: Sendable, Hashable {
    /// How a resolver's answer is compared with the authorities' (CHECKS.md).
    public enum Policy: String, Sendable, CaseIterable {
        /// Equal to one RRset an authority serves.
        case exact
        /// Within the union of what the authorities serve (rotating or geo answers).
        case subset
        /// Any non-empty answer of the right type.
        case any
    }

    public var name: DomainName
    public var type: RRType
    public var policy: Policy

    public init(name: DomainName, type: RRType, policy: Policy = .exact) {
        self.name = name
        self.type = type
        self.policy = policy
    }
}

public struct ResolverTarget: Sendable {
    public var address: ServerAddress
    public var name: String
    /// The resolver should validate DNSSEC: AD on signed data, SERVFAIL on the canary.
    public var validating: Bool
    /// A name with broken signatures that a validating resolver must refuse.
    public var dnssecCanary: DomainName?

    public init(address: ServerAddress, name: String? = nil, validating: Bool = false, dnssecCanary: DomainName? = nil) {
        self.address = address
        self.name = name ?? address.description
        self.validating = validating
        self.dnssecCanary = dnssecCanary
    }
}

public struct Thresholds: Sendable {
    public var latencyWarning: Duration = .milliseconds(200)
    public var latencyCritical: Duration = .seconds(1)
    public var dnssecExpiryWarning: Duration = .seconds(7 * 86_400)
    /// RFC 2182 diversity: all IPv4 addresses inside one prefix of this length is a finding.
    public var diversityIPv4Prefix: Int = 24
    public var diversityIPv6Prefix: Int = 48

    public init() {}
}
