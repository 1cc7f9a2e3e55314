import Foundation
public import DNSCore
public import Model

/// What the drill of one zone's backup showed.
public struct DrillZoneResult: Sendable, Codable {
    public var zone: DomainName
    public var snapshot: String?
    public var serial: UInt32?
    public var signed: Bool
    /// A harvest: only some names are in the copy.
    public var partial: Bool
    /// OK passed; WARNING passed with a caveat (no trust anchor for a signed copy, a partial
    /// copy, signatures close to expiry); CRITICAL failed.
    public var severity: Severity
    /// Where the private resolver listened.
    public var address: String?
    /// From starting the private resolver to its first answer.
    public var secondsToServe: Double?
    /// The whole drill of the zone, copies and stop included.
    public var seconds: Double
    public var checks: [CriticalCheck]
    /// The zones served beside this one for the chain of trust (its parents' snapshots).
    public var chain: [String]
    public var validated: Bool
    /// A name outside every copy went unanswered (SERVFAIL): the resolver had no path to the
    /// network. False when it was not asked (the root's copy holds every name).
    public var isolated: Bool
    public var problem: String?
    public var warnings: [String]

    public var passed: Bool { severity != .critical }

    public init(zone: DomainName, severity: Severity, seconds: Double, problem: String?) {
        self.zone = zone
        signed = false
        partial = false
        self.severity = severity
        self.seconds = seconds
        checks = []
        chain = []
        validated = false
        isolated = false
        self.problem = problem
        warnings = []
    }
}

/// Every zone's drill; the exit status is the worst, as the probe's.
public struct DrillResult: Sendable, Codable {
    public static let schemaVersion = 1

    public var schema = DrillResult.schemaVersion
    public var zones: [DrillZoneResult]
    public var notes: [String]

    public init(zones: [DrillZoneResult], notes: [String] = []) {
        self.zones = zones
        self.notes = notes
    }

    public var status: Severity { zones.map(\.severity).max() ?? .ok }

    /// `DRILL CRITICAL - 1 of 4 zones failed | zones=4 passed=3 failed=1 serve_max=0.081s`, then a
    /// line per zone, failures first.
    public var text: String {
        let failed = zones.filter { !$0.passed }.count
        let warned = zones.filter { $0.severity == .warning }.count
        var summary = failed > 0
            ? "\(failed) of \(zones.count) \(zones.count == 1 ? "zone" : "zones") failed"
            : zones.count == 1 ? "1 zone served from its backup" : "\(zones.count) zones served from their backups"
        if warned > 0 { summary += ", \(warned) with warnings" }
        var perfdata = "zones=\(zones.count) passed=\(zones.count - failed) failed=\(failed)"
        if let slowest = zones.compactMap(\.secondsToServe).max() { perfdata += String(format: " serve_max=%.3fs", slowest) }
        var lines = ["DRILL \(status) - \(summary) | \(perfdata)"]
        let ordered = zones.enumerated().sorted { ($0.element.severity.rank, -$0.offset) > ($1.element.severity.rank, -$1.offset) }.map(\.element)
        for zone in ordered {
            let word = zone.severity == .critical ? "FAILED" : zone.severity == .warning ? "PASSED (WARNING)" : "PASSED"
            var line = "\(word) \(zone.zone) \(zone.snapshot ?? "-")"
            if let address = zone.address { line += " at \(address)" }
            if let problem = zone.problem {
                line += ": \(problem)"
            } else {
                let good = zone.checks.filter(\.passed).count
                line += ": served in " + String(format: "%.3f s", zone.secondsToServe ?? 0)
                    + ", \(good)/\(zone.checks.count) answers equal the snapshot"
                    + (zone.validated ? " (validated, AD" + (zone.chain.isEmpty ? "" : "; chain " + zone.chain.joined(separator: " ")) + ")" : "")
            }
            lines.append(line)
            for warning in zone.warnings { lines.append("  warning: \(warning)") }
        }
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }
}
