import DNSCore
import Foundation
import Probe

/// Turns the command line and the configuration file into the probe's configuration;
/// every problem becomes one clear error (exit 3).
struct ProbeSetup {
    let configuration: ProbeConfiguration
    let historyPath: String?
    let prometheusPath: String?
    let latencyWarning: Double
    let latencyCritical: Double
    /// Zones whose backup the probe switches on and off.
    let fallbacks: [(zone: ZoneConfig, settings: FallbackConfig)]

    init(command: ProbeCommand) throws {
        var config = DNSWardConfig()
        if let path = command.global.config {
            config = try DNSWardConfig.load(from: path)
        }
        for text in command.zones {
            do {
                config.zones.append(ZoneConfig(name: try DomainName(text)))
            } catch {
                throw SetupError("--zone \(text): not a domain name (\(error))")
            }
        }
        for text in command.resolvers {
            do {
                config.resolvers.append(ResolverConfig(address: try ServerAddress(parsing: text)))
            } catch {
                throw SetupError("--resolver \(text): not a server address (use ADDR, ADDR@PORT or [V6]:PORT)")
            }
        }
        guard !config.zones.isEmpty || !config.resolvers.isEmpty else {
            throw SetupError("nothing to probe: give --config FILE with zones, or --zone NAME")
        }

        let hints = try config.rootHints(overriddenBy: command.rootHints)
        // Numbers from the configuration were checked when it was read; the command line's here.
        let timeout: Double
        let deadline: Double
        do {
            timeout = try command.timeout.map { try NumberLimits.timeout.check($0, option: "--timeout") }
                ?? config.timeout ?? ProbeConfiguration.defaultQueryOptions.timeout.seconds
            deadline = try command.deadline.map { try NumberLimits.deadline.check($0, option: "--deadline") } ?? config.probe.deadline
        } catch {
            throw SetupError("\(error)")
        }

        var thresholds = Thresholds()
        let settings = config.probe
        thresholds.latencyWarning = .milliseconds(settings.latencyWarningMilliseconds)
        thresholds.latencyCritical = .milliseconds(settings.latencyCriticalMilliseconds)
        thresholds.dnssecExpiryWarning = .seconds(settings.dnssecExpiryWarningDays * 86_400)
        thresholds.diversityIPv4Prefix = settings.diversityIPv4Prefix
        thresholds.diversityIPv6Prefix = settings.diversityIPv6Prefix

        let zones = config.zones.map { zone in
            ZoneTarget(
                name: zone.name, expectedNS: zone.expectedNS.map(Set.init),
                serialLagTolerance: zone.serialLagTolerance.map { .seconds($0) },
                axfrExpected: zone.axfrExpected,
                critical: zone.critical.flatMap { entry in
                    entry.types.map { CriticalRecord(name: entry.name, type: $0, policy: CriticalRecord.Policy(rawValue: entry.policy) ?? .exact) }
                })
        }
        let resolvers = config.resolvers.map {
            ResolverTarget(address: $0.address, name: $0.name, validating: $0.validating, dnssecCanary: $0.dnssecCanary)
        }
        configuration = ProbeConfiguration(
            zones: zones, resolvers: resolvers, rootHints: hints, thresholds: thresholds,
            queryOptions: QueryOptions(timeout: .seconds(timeout),
                                       udpRetries: config.retries ?? ProbeConfiguration.defaultQueryOptions.udpRetries),
            maxInFlight: settings.maxInFlight, maxInFlightPerServer: settings.maxInFlightPerServer,
            deadline: .seconds(deadline))
        historyPath = command.historyOptions.path(configured: config.history)
        prometheusPath = command.prometheus ?? config.prometheus
        fallbacks = config.zones.compactMap { zone in zone.fallback.map { (zone, $0) } }
        latencyWarning = settings.latencyWarningMilliseconds / 1000
        latencyCritical = settings.latencyCriticalMilliseconds / 1000
    }
}
