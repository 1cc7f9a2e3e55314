public import DNSCore
public import Model

/// The monitoring-plugin output of a probe run: a first line with the status, a summary and
/// performance data, then one line per non-OK finding, worst first.
///
/// `DNSWARD CRITICAL - 2 critical, 1 warning in 3 zones | zones=3 critical=2 warning=1 unknown=0 rtt_max=0.012s;0.2;1`
///
/// Performance data follows the monitoring-plugins guidelines (`label=value[UOM];warn;crit`).
/// `rtt_max` is the slowest answered SOA query of the run, left out when nothing answered.
public enum StatusLine {
    /// Lines joined by `\n`, without a trailing newline. `warning` and `critical` are the
    /// `rtt_max` thresholds in seconds, written into the perfdata for graphers to draw.
    public static func render(_ run: ProbeRun, warning: Double = 0.2, critical: Double = 1) -> String {
        var counts: [Severity: Int] = [:]
        for finding in run.findings { counts[finding.severity, default: 0] += 1 }
        return render(zones: run.zones.count, status: run.status, counts: counts,
                      slowest: run.measurements.compactMap(\.rtt).max(), findings: run.findings, warning: warning, critical: critical)
    }

    /// The same from a tally of the run's batches (`RunTally`).
    public static func render(_ tally: RunTally, zones: Int, warning: Double = 0.2, critical: Double = 1) -> String {
        render(zones: zones, status: tally.status, counts: tally.counts, slowest: tally.slowestRTT, findings: tally.findings,
               warning: warning, critical: critical)
    }

    static func render(zones: Int, status: Severity, counts: [Severity: Int], slowest: Double?, findings: [Finding],
                       warning: Double, critical: Double) -> String {
        func count(_ severity: Severity) -> Int { counts[severity] ?? 0 }
        let zoneWord = zones == 1 ? "zone" : "zones"
        var problems: [String] = []
        if count(.critical) > 0 { problems.append("\(count(.critical)) critical") }
        if count(.unknown) > 0 { problems.append("\(count(.unknown)) unknown") }
        if count(.warning) > 0 {
            problems.append("\(count(.warning)) warning" + (count(.warning) == 1 ? "" : "s"))
        }
        let summary = problems.isEmpty
            ? "\(zones) \(zoneWord)"
            : problems.joined(separator: ", ") + " in \(zones) \(zoneWord)"

        var perfdata = [
            "zones=\(zones)",
            "critical=\(count(.critical))",
            "warning=\(count(.warning))",
            "unknown=\(count(.unknown))",
        ]
        if let slowest {
            perfdata.append("rtt_max=\(decimal(slowest))s;\(decimal(warning));\(decimal(critical))")
        }

        var lines = ["DNSWARD \(status) - \(summary) | " + perfdata.joined(separator: " ")]
        for finding in findings.filter({ $0.severity != .ok }).sortedWorstFirst() {
            lines.append(singleLine(finding.line))
        }
        return lines.joined(separator: "\n")
    }

    /// Perfdata values must be plain decimals (`1.2e-05` is not one), to the microsecond.
    /// `U` is the guidelines' "could not be determined", for values too large to be true.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 1e12 else { return "U" }
        let micro = (value * 1_000_000).rounded()
        let units = Int64(micro.magnitude)
        var fraction = String(units % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (micro < 0 ? "-" : "") + "\(units / 1_000_000)" + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A message carries text from DNS answers: a line feed would fake another finding, and a
    /// `|` starts performance data anywhere in plugin output.
    public static func singleLine(_ text: String) -> String {
        var clean = ""
        for scalar in text.unicodeScalars {
            if scalar == "|" {
                clean += "¦"
            } else if scalar.properties.generalCategory == .control
                || scalar == "\u{2028}" || scalar == "\u{2029}" {
                clean += " "
            } else {
                clean.unicodeScalars.append(scalar)
            }
        }
        return clean
    }
}
