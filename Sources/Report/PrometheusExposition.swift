public import DNSCore
import Foundation
import Platform
public import Model

/// A probe run as Prometheus text exposition, for node_exporter's textfile collector.
///
/// Every family is a gauge describing the latest run; the file is replaced whole on each
/// run, so a server or check that disappears leaves no stale series behind. Families with
/// no sample are left out rather than written as bare `# HELP`/`# TYPE` lines.
public enum PrometheusExposition {
    public static func render(_ run: ProbeRun) -> String {
        var families: [PrometheusFamily] = []

        var status = PrometheusFamily(
            "dnsward_check_status",
            help: "Worst severity of a check per zone, server and address (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
            labels: ["check", "zone", "server", "address"])
        var worst: [[String]: Severity] = [:]
        for finding in run.findings {
            let key = [finding.check.rawValue, finding.zone ?? "", finding.server ?? "", finding.address ?? ""]
            worst[key] = max(worst[key] ?? finding.severity, finding.severity)
        }
        for (labels, severity) in worst { status.add(labels, Double(severity.exitCode)) }
        families.append(status)

        var rtt = PrometheusFamily(
            "dnsward_server_rtt_seconds",
            help: "Round-trip time of the SOA query to the server.",
            labels: ["zone", "server", "address", "transport"])
        // Several measurements of one series keep the slowest: an alert on latency should not
        // be hidden by a lucky retry.
        var slowest: [[String]: Double] = [:]
        for measurement in run.measurements {
            guard let seconds = measurement.rtt else { continue }
            let key = [measurement.zone, measurement.server, measurement.address, measurement.transport.rawValue]
            slowest[key] = max(slowest[key] ?? seconds, seconds)
        }
        for (labels, seconds) in slowest { rtt.add(labels, seconds) }
        families.append(rtt)

        var serial = PrometheusFamily(
            "dnsward_soa_serial",
            help: "SOA serial the server answered.",
            labels: ["zone", "server", "address"])
        // UDP first: it is what resolvers ask. The TCP serial only stands in when UDP got no
        // answer, so a server reachable over TCP alone still shows its serial.
        for transport in [TransportProtocol.udp, .tcp] {
            for measurement in run.measurements where measurement.transport == transport {
                guard let value = measurement.serial else { continue }
                serial.add([measurement.zone, measurement.server, measurement.address], Double(value))
            }
        }
        families.append(serial)

        // How long and how far each lagging server is behind the zone's newest serial (the
        // probe's AUTH-SERIAL findings; a lag of unknown duration has no seconds).
        var lag = PrometheusFamily(
            "dnsward_serial_lag_seconds",
            help: "How long the server has served an older serial than the zone's newest (0 when it serves the newest).",
            labels: ["zone", "server", "address"])
        var behind = PrometheusFamily(
            "dnsward_serial_behind",
            help: "RFC 1982 distance from the serial the server serves to the zone's newest.",
            labels: ["zone", "server", "address"])
        for finding in run.findings where finding.check == .authSerial {
            let labels = [finding.zone ?? "", finding.server ?? "", finding.address ?? ""]
            if finding.reason == .serialLag { lag.add(labels, finding.parameters.seconds("lag")) }
            if finding.parameters.has("distance") { behind.add(labels, Double(finding.parameters.integer("distance"))) }
        }
        for measurement in run.measurements where measurement.transport == .udp && measurement.serial != nil {
            let labels = [measurement.zone, measurement.server, measurement.address]
            lag.add(labels, 0)
            behind.add(labels, 0)
        }
        families.append(lag)
        families.append(behind)

        var expiry = PrometheusFamily(
            "dnsward_dnssec_earliest_expiry_timestamp_seconds",
            help: "Earliest RRSIG expiration seen in the zone, as a Unix timestamp.",
            labels: ["zone"])
        for (zone, date) in run.dnssecExpiry { expiry.add([zone], date.timeIntervalSince1970) }
        families.append(expiry)

        var findings = PrometheusFamily(
            "dnsward_findings",
            help: "Findings of the last run per severity.",
            labels: ["severity"])
        for severity in Severity.allCases { findings.add([severity.rawValue], Double(run.count(severity))) }
        families.append(findings)

        var runStatus = PrometheusFamily(
            "dnsward_run_status",
            help: "Worst severity of the last run (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")
        runStatus.add(Double(run.status.exitCode))
        families.append(runStatus)

        var finished = PrometheusFamily(
            "dnsward_last_run_timestamp_seconds",
            help: "When the last run finished, as a Unix timestamp.")
        finished.add(run.finished.timeIntervalSince1970)
        families.append(finished)

        var duration = PrometheusFamily(
            "dnsward_run_duration_seconds",
            help: "How long the last run took.")
        duration.add(run.durationSeconds)
        families.append(duration)

        var zones = PrometheusFamily(
            "dnsward_zones",
            help: "Zones checked by the last run.")
        zones.add(Double(run.zones.count))
        families.append(zones)

        var text = ""
        for family in families { family.render(into: &text) }
        return text
    }

    /// Replaces the file atomically: the textfile collector may read it at any moment, and a
    /// half-written file would drop every dnsward metric from that scrape. The temporary
    /// file's name does not end in `.prom`, so the collector never reads it.
    public static func write(_ run: ProbeRun, to path: String) throws {
        try DurableFile.write(Array(render(run).utf8), to: path)
    }
}
