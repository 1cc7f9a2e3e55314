public import Model

/// The one line a sweep host prints when it stops, in the monitoring-plugin shape of the
/// probe's (`DNSWARD WARNING - ... | perfdata`): the run's census so far and this host's part.
public enum SweepStatusLine {
    public static func render(_ census: SweepCensus, hostZones: Int, seconds: Double) -> String {
        let status = self.status(census)
        func count(_ severity: Severity) -> Int { census.statuses[severity] ?? 0 }
        var problems: [String] = []
        if count(.critical) > 0 { problems.append("\(count(.critical)) critical") }
        if count(.unknown) > 0 { problems.append("\(count(.unknown)) unknown") }
        if count(.warning) > 0 { problems.append("\(count(.warning)) warning" + (count(.warning) == 1 ? "" : "s")) }
        let progress = census.progress
        var summary = (problems.isEmpty ? "" : problems.joined(separator: ", ") + " in ")
            + "\(progress.done) of \(progress.total) zones of \(census.run.tld) (sweep \(census.run.id))"
        if !progress.isComplete { summary += ", incomplete: \(progress.leased) leased, \(progress.waiting) waiting" }
        let rate = seconds > 0 ? Double(hostZones) / seconds : 0
        summary += "; this host \(hostZones) zones in \(StatusLine.decimal((seconds * 10).rounded() / 10)) s"
            + " (\(Int(rate.rounded())) zones/s)"
        let perfdata = [
            "zones=\(progress.total)", "done=\(progress.done)", "ok=\(count(.ok))", "warning=\(count(.warning))",
            "critical=\(count(.critical))", "unknown=\(count(.unknown))", "host_zones=\(hostZones)",
            "seconds=\(StatusLine.decimal(seconds))s",
        ]
        var lines = ["DNSWARD \(status) - \(StatusLine.singleLine(summary)) | " + perfdata.joined(separator: " ")]
        for reason in census.reasons.prefix(20) where reason.severity != .ok {
            lines.append("\(reason.severity) \(reason.check.rawValue) \(reason.reason.rawValue): \(reason.zones) zones")
        }
        return lines.joined(separator: "\n")
    }

    /// The worst status of any done zone; UNKNOWN while zones are left that this host
    /// could not see done (another host's live lease).
    public static func status(_ census: SweepCensus) -> Severity {
        guard census.progress.isComplete else { return .unknown }
        return census.statuses.filter { $0.value > 0 }.keys.max() ?? .ok
    }
}
