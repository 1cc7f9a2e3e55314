public import Foundation
import Platform
public import Model

/// A sweep host's metrics (node_exporter's textfile collector), rewritten after every
/// committed batch: this host's part (labels `run`, `tld`, `host`), so N hosts' files sum
/// in Prometheus, and the run's census so far (the same on every host; aggregate with max).
public enum SweepPrometheus {
    /// This host's counts; plain numbers so Report needs no feature module.
    public struct Host: Sendable {
        public var name: String
        public var zonesDone: Int
        public var zonesPerSecond: Double
        public var claims: Int
        public var zonesClaimed: Int
        public var leaseLosses: Int
        public var renewals: Int
        public var serverAddresses: Int
        public var seconds: Double

        public init(name: String, zonesDone: Int, zonesPerSecond: Double, claims: Int, zonesClaimed: Int,
                    leaseLosses: Int, renewals: Int, serverAddresses: Int, seconds: Double) {
            self.name = name
            self.zonesDone = zonesDone
            self.zonesPerSecond = zonesPerSecond
            self.claims = claims
            self.zonesClaimed = zonesClaimed
            self.leaseLosses = leaseLosses
            self.renewals = renewals
            self.serverAddresses = serverAddresses
            self.seconds = seconds
        }
    }

    public static let hostFamilies = [
        "dnsward_sweep_zones_done", "dnsward_sweep_zones_per_second", "dnsward_sweep_claims",
        "dnsward_sweep_zones_claimed", "dnsward_sweep_lease_losses", "dnsward_sweep_lease_renewals",
        "dnsward_sweep_server_addresses", "dnsward_sweep_seconds",
    ]

    public static func render(run: SweepRun, host: Host, census: SweepCensus?, now: Date = Date()) -> String {
        let labels = ["run", "tld", "host"]
        let values = [String(run.id), run.tld, host.name]
        func family(_ name: String, _ help: String, _ value: Double) -> PrometheusFamily {
            var family = PrometheusFamily(name, help: help, labels: labels)
            family.add(values, value)
            return family
        }
        var families = [
            family("dnsward_sweep_zones_done", "Zones this host checked and committed in the sweep.", Double(host.zonesDone)),
            family("dnsward_sweep_zones_per_second", "This host's committed zones per second since it started.", host.zonesPerSecond),
            family("dnsward_sweep_claims", "Claims (batches of the work list) this host made.", Double(host.claims)),
            family("dnsward_sweep_zones_claimed", "Zones this host's claims gave it.", Double(host.zonesClaimed)),
            family("dnsward_sweep_lease_losses", "Results refused because this host's lease on the zone had run out.",
                   Double(host.leaseLosses)),
            family("dnsward_sweep_lease_renewals", "Times this host extended the leases of its claimed zones.", Double(host.renewals)),
            family("dnsward_sweep_server_addresses", "Server addresses this host asked the per-server checks.",
                   Double(host.serverAddresses)),
            family("dnsward_sweep_seconds", "Seconds this host has been sweeping.", host.seconds),
        ]
        var updated = PrometheusFamily("dnsward_sweep_last_update_timestamp_seconds",
                                       help: "When this host last wrote its sweep metrics, as a Unix timestamp.", labels: labels)
        updated.add(values, now.timeIntervalSince1970)
        families.append(updated)
        if let census {
            let runLabels = ["run", "tld"]
            let runValues = [String(run.id), run.tld]
            var progress = PrometheusFamily("dnsward_sweep_run_zones", help: "Zones of the run's work list per state (done, leased, waiting).",
                                            labels: runLabels + ["state"])
            progress.add(runValues + ["done"], Double(census.progress.done))
            progress.add(runValues + ["leased"], Double(census.progress.leased))
            progress.add(runValues + ["waiting"], Double(census.progress.waiting))
            var statuses = PrometheusFamily("dnsward_sweep_census_zones", help: "Done zones of the run per worst severity.",
                                            labels: runLabels + ["status"])
            for severity in Severity.allCases { statuses.add(runValues + [severity.rawValue], Double(census.statuses[severity] ?? 0)) }
            var reasons = PrometheusFamily("dnsward_sweep_census_reason_zones", help: "Done zones of the run with a problem, per check, reason and severity.",
                                           labels: runLabels + ["check", "reason", "severity"])
            for reason in census.reasons where reason.severity != .ok {
                reasons.add(runValues + [reason.check.rawValue, reason.reason.rawValue, reason.severity.rawValue], Double(reason.zones))
            }
            families += [progress, statuses, reasons]
        }
        return BackupPrometheus.render(families)
    }

    public static func write(_ text: String, to path: String) throws {
        try DurableFile.write(Array(text.utf8), to: path)
    }
}
