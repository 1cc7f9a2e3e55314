import DNSCore
import Headroom

/// The `dnsward.yml` schema; see the README for a complete example. Every mapping
/// rejects unknown keys.
struct DNSWardConfig: Decodable {
    var rootHints: String?
    var timeout: Double?
    var retries: Int?
    var history: String?
    var prometheus: String?
    /// Where queries may go (`allow_targets`); nil: anywhere the environment allows.
    var allowTargets: TargetAllowList?
    /// The snapshot store (`snapshot`, `verify`, `restore`); `--zones-dir` overrides it.
    var zonesDir: String?
    var probe: ProbeSettings
    var zones: [ZoneConfig]
    var resolvers: [ResolverConfig]
    var headroom: HeadroomSettings
    var drill: DrillSettings

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rootHints = "root_hints", timeout, retries, history, prometheus, allowTargets = "allow_targets", zonesDir = "zones_dir", probe, zones, resolvers,
            headroom, drill
    }

    /// Loads `path` and puts its `allow_targets` in force for the whole process: the way
    /// every command that sends queries reads its configuration.
    static func load(from path: String) throws -> DNSWardConfig {
        var config = try ConfigFile.load(DNSWardConfig.self, from: path)
        if let list = config.allowTargets {
            config.allowTargets = TargetAllowList(prefixes: list.prefixes, source: "allow_targets in \(path)")
            TargetPolicy.restrict(to: config.allowTargets!)
        }
        return config
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rootHints = try container.decodeIfPresent(String.self, forKey: .rootHints)
        timeout = try container.decodeNumber(.timeout, NumberLimits.timeout)
        retries = try container.decodeNumber(.retries, NumberLimits.retries)
        allowTargets = try container.decodeAllowList(forKey: .allowTargets)
        history = try container.decodeIfPresent(String.self, forKey: .history)
        prometheus = try container.decodeIfPresent(String.self, forKey: .prometheus)
        zonesDir = try container.decodeIfPresent(String.self, forKey: .zonesDir)
        if zonesDir?.isEmpty == true {
            throw DecodingError.dataCorruptedError(forKey: .zonesDir, in: container, debugDescription: "must not be empty")
        }
        probe = try container.decodeIfPresent(ProbeSettings.self, forKey: .probe) ?? ProbeSettings()
        zones = try container.decodeIfPresent([ZoneConfig].self, forKey: .zones) ?? []
        resolvers = try container.decodeIfPresent([ResolverConfig].self, forKey: .resolvers) ?? []
        headroom = try container.decodeIfPresent(HeadroomSettings.self, forKey: .headroom) ?? HeadroomSettings()
        drill = try container.decodeIfPresent(DrillSettings.self, forKey: .drill) ?? DrillSettings()
    }

    /// The root hints a command walks from: its flag, else the configuration's file, else
    /// the IANA root servers.
    func rootHints(overriddenBy path: String?) throws -> RootHints {
        guard let path = path ?? rootHints else { return .iana }
        do {
            return try RootHints(contentsOf: path)
        } catch {
            throw SetupError("root hints \(path): \(error)")
        }
    }

    init() {
        probe = ProbeSettings()
        zones = []
        resolvers = []
        headroom = HeadroomSettings()
        drill = DrillSettings()
    }
}

/// `drill:` — how `dnsward drill` serves the backups.
struct DrillSettings: Decodable {
    /// Unbound's trust-anchor-file format (DS or DNSKEY lines): the real anchor of the chain
    /// the drilled copies must validate against (the root's, for public zones).
    var trustAnchor: String?
    var startTimeout: Double = 20

    enum CodingKeys: String, CodingKey, CaseIterable {
        case trustAnchor = "trust_anchor", startTimeout = "start_timeout"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        trustAnchor = try container.decodeIfPresent(String.self, forKey: .trustAnchor)
        startTimeout = try container.decodeNumber(.startTimeout, NumberLimits.drillStartTimeout) ?? startTimeout
    }
}

/// `probe:` — limits and thresholds of `dnsward probe`.
struct ProbeSettings: Decodable {
    var deadline: Double = 50
    var maxInFlight: Int = 256
    var maxInFlightPerServer: Int = 16
    var latencyWarningMilliseconds: Double = 200
    var latencyCriticalMilliseconds: Double = 1000
    var dnssecExpiryWarningDays: Double = 7
    var diversityIPv4Prefix: Int = 24
    var diversityIPv6Prefix: Int = 48

    enum CodingKeys: String, CodingKey, CaseIterable {
        case deadline, maxInFlight = "max_in_flight", maxInFlightPerServer = "max_in_flight_per_server"
        case latencyWarningMilliseconds = "latency_warning_ms", latencyCriticalMilliseconds = "latency_critical_ms"
        case dnssecExpiryWarningDays = "dnssec_expiry_warning_days"
        case diversityIPv4Prefix = "diversity_ipv4_prefix", diversityIPv6Prefix = "diversity_ipv6_prefix"
    }

    init() {}

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        deadline = try container.decodeNumber(.deadline, NumberLimits.deadline) ?? deadline
        maxInFlight = try container.decodeNumber(.maxInFlight, NumberLimits.maxInFlight) ?? maxInFlight
        maxInFlightPerServer = try container.decodeNumber(.maxInFlightPerServer, NumberLimits.maxInFlightPerServer) ?? maxInFlightPerServer
        latencyWarningMilliseconds = try container.decodeNumber(.latencyWarningMilliseconds, NumberLimits.latencyMilliseconds)
            ?? latencyWarningMilliseconds
        latencyCriticalMilliseconds = try container.decodeNumber(.latencyCriticalMilliseconds, NumberLimits.latencyMilliseconds)
            ?? latencyCriticalMilliseconds
        dnssecExpiryWarningDays = try container.decodeNumber(.dnssecExpiryWarningDays, NumberLimits.dnssecExpiryWarningDays)
            ?? dnssecExpiryWarningDays
        diversityIPv4Prefix = try container.decodeNumber(.diversityIPv4Prefix, NumberLimits.ipv4PrefixLength) ?? diversityIPv4Prefix
        diversityIPv6Prefix = try container.decodeNumber(.diversityIPv6Prefix, NumberLimits.ipv6PrefixLength) ?? diversityIPv6Prefix
    }
}

struct ZoneConfig: Decodable {
    var name: DomainName
    var expectedNS: [DomainName]?
    var serialLagTolerance: Double?
    var axfrExpected: Bool
    var critical: [CriticalName]
    /// `ALGORITHM:NAME:SECRET` for transfers (snapshot).
    var tsig: String?
    /// Automatic switch to the backup when the authorities stay unreachable (probe).
    var fallback: FallbackConfig?
    /// False keeps a snapshot whose parent DS could not be fetched, marked (snapshot).
    var chainCheck = true

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, expectedNS = "expected_ns", serialLagTolerance = "serial_lag_tolerance", axfrExpected = "axfr_expected", critical
        case tsig, fallback, chainCheck = "chain_check"
    }

    init(name: DomainName) {
        self.name = name
        axfrExpected = false
        critical = []
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeDomainName(forKey: .name)
        if let texts = try container.decodeIfPresent([String].self, forKey: .expectedNS) {
            expectedNS = try texts.map { text in
                do { return try DomainName(text) } catch {
                    throw DecodingError.dataCorruptedError(forKey: .expectedNS, in: container, debugDescription: "not a domain name: '\(text)'")
                }
            }
        }
        serialLagTolerance = try container.decodeNumber(.serialLagTolerance, NumberLimits.serialLagTolerance)
        axfrExpected = try container.decodeIfPresent(Bool.self, forKey: .axfrExpected) ?? false
        critical = try container.decodeIfPresent([CriticalName].self, forKey: .critical) ?? []
        tsig = try container.decodeIfPresent(String.self, forKey: .tsig)
        fallback = try container.decodeIfPresent(FallbackConfig.self, forKey: .fallback)
        chainCheck = try container.decodeIfPresent(Bool.self, forKey: .chainCheck) ?? true
        if let tsig {
            do { _ = try TSIGKey(parsing: tsig) } catch {
                throw DecodingError.dataCorruptedError(forKey: .tsig, in: container, debugDescription: "\(error) (ALGORITHM:NAME:SECRET)")
            }
        }
    }
}

struct CriticalName: Decodable {
    var name: DomainName
    var types: [RRType]
    var policy: String

    static let policies = ["exact", "subset", "any"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, types, policy
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeDomainName(forKey: .name)
        let typeTexts = try container.decodeIfPresent([String].self, forKey: .types) ?? ["A", "AAAA"]
        types = try typeTexts.map { text in
            guard let type = RRType(text), !type.isMeta else {
                throw DecodingError.dataCorruptedError(forKey: .types, in: container, debugDescription: "unknown record type '\(text)'")
            }
            return type
        }
        policy = try container.decodeIfPresent(String.self, forKey: .policy) ?? "exact"
        guard Self.policies.contains(policy) else {
            throw DecodingError.dataCorruptedError(forKey: .policy, in: container,
                                                   debugDescription: "unknown policy '\(policy)' (exact, subset or any)")
        }
    }
}

struct ResolverConfig: Decodable {
    var address: ServerAddress
    var name: String?
    var validating: Bool = false
    var dnssecCanary: DomainName?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case address, name, validating, dnssecCanary = "dnssec_canary"
    }

    init(address: ServerAddress) {
        self.address = address
    }

    init(from decoder: any Decoder) throws {
        // A bare string is shorthand for `address:`.
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            address = try Self.parse(text, codingPath: decoder.codingPath)
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try Self.parse(try container.decode(String.self, forKey: .address), codingPath: decoder.codingPath + [CodingKeys.address])
        name = try container.decodeIfPresent(String.self, forKey: .name)
        validating = try container.decodeIfPresent(Bool.self, forKey: .validating) ?? false
        if container.contains(.dnssecCanary) {
            dnssecCanary = try container.decodeDomainName(forKey: .dnssecCanary)
        }
    }

    static func parse(_ text: String, codingPath: [any CodingKey]) throws -> ServerAddress {
        do {
            return try ServerAddress(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not a server address: '\(text)' (use ADDR, ADDR@PORT or [V6]:PORT)"))
        }
    }
}

extension KeyedDecodingContainer {
    /// `allow_targets`: a list of address prefixes, or one string of them (`127.0.0.0/8, ::1`).
    func decodeAllowList(forKey key: Key) throws -> TargetAllowList? {
        guard contains(key) else { return nil }
        let items: [String]
        if let list = try? decode([String].self, forKey: key) {
            items = list
        } else {
            items = [try decode(String.self, forKey: key)]
        }
        do {
            return try TargetAllowList(parsing: items.joined(separator: ","), source: "allow_targets")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: error.reason)
        }
    }

    func decodeDomainName(forKey key: Key) throws -> DomainName {
        let text = try decode(String.self, forKey: key)
        do {
            return try DomainName(text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a domain name: '\(text)' (\(error))")
        }
    }
}

/// `fallback:` of a zone: where the backup goes when every authority stays silent.
struct FallbackConfig: Decodable {
    var unboundConfig = "/etc/unbound/unbound.conf"
    var includeDirectory = "/etc/unbound/unbound.conf.d"
    var resolver: ServerAddress
    var zonesDirectory = "zones"
    var afterFailures = 3
    var afterRecoveries = 3

    enum CodingKeys: String, CodingKey, CaseIterable {
        case unboundConfig = "unbound_config", includeDirectory = "include_dir", resolver, zonesDirectory = "zones_dir"
        case afterFailures = "after_failures", afterRecoveries = "after_recoveries"
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unboundConfig = try container.decodeIfPresent(String.self, forKey: .unboundConfig) ?? unboundConfig
        includeDirectory = try container.decodeIfPresent(String.self, forKey: .includeDirectory) ?? includeDirectory
        resolver = try ResolverConfig.parse(try container.decodeIfPresent(String.self, forKey: .resolver) ?? "127.0.0.1",
                                            codingPath: decoder.codingPath + [CodingKeys.resolver])
        zonesDirectory = try container.decodeIfPresent(String.self, forKey: .zonesDirectory) ?? zonesDirectory
        afterFailures = try container.decodeNumber(.afterFailures, NumberLimits.fallbackRuns) ?? afterFailures
        afterRecoveries = try container.decodeNumber(.afterRecoveries, NumberLimits.fallbackRuns) ?? afterRecoveries
    }
}

/// `headroom:` — who may be loaded and the defaults of `dnsward headroom`. `max_qps` is the
/// rate cap: `--max-qps` may not go above it.
struct HeadroomSettings: Decodable {
    /// Addresses or CIDR prefixes other than loopback that may be loaded (a person must
    /// own them).
    var allow: [String] = []
    var maxQps: Double = 50_000
    var duration: Double = 60
    var stepSeconds: Double = 5
    var lossThreshold: Double = 1
    var p99ThresholdMilliseconds: Double = 100
    var linkMbps: Double?
    var sockets: Int = 8

    enum CodingKeys: String, CodingKey, CaseIterable {
        case allow, maxQps = "max_qps", duration, stepSeconds = "step_seconds", lossThreshold = "loss_threshold"
        case p99ThresholdMilliseconds = "p99_threshold_ms", linkMbps = "link_mbps", sockets
    }

    init() {}

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        allow = try container.decodeIfPresent([String].self, forKey: .allow) ?? []
        for entry in allow {
            do { _ = try AddressPrefix(parsing: entry) } catch {
                throw DecodingError.dataCorruptedError(forKey: .allow, in: container, debugDescription: "\(error)")
            }
        }
        maxQps = try container.decodeNumber(.maxQps, NumberLimits.headroomRate) ?? maxQps
        duration = try container.decodeNumber(.duration, NumberLimits.headroomDuration) ?? duration
        stepSeconds = try container.decodeNumber(.stepSeconds, NumberLimits.headroomStepSeconds) ?? stepSeconds
        lossThreshold = try container.decodeNumber(.lossThreshold, NumberLimits.lossPercent) ?? lossThreshold
        p99ThresholdMilliseconds = try container.decodeNumber(.p99ThresholdMilliseconds, NumberLimits.p99Milliseconds)
            ?? p99ThresholdMilliseconds
        linkMbps = try container.decodeNumber(.linkMbps, NumberLimits.linkMbps)
        sockets = try container.decodeNumber(.sockets, NumberLimits.sockets) ?? sockets
    }
}
