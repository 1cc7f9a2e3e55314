public import Foundation

/// What a run's outputs need, gathered batch by batch: counts per severity, the non-OK
/// findings (the status line lists them), the slowest answer, and everything of the zones
/// asked for (or of all, for the JSON document). A run over many healthy zones keeps only
/// their counts.
public struct RunTally: Sendable {
    public private(set) var counts: [Severity: Int] = [:]
    /// Non-OK findings, and every finding of the kept zones.
    public private(set) var findings: [Finding] = []
    public private(set) var measurements: [Measurement] = []
    public private(set) var dnssecExpiry: [String: Date] = [:]
    public private(set) var slowestRTT: Double?
    private let keepAll: Bool
    private let keepZones: Set<String>

    /// `keepAll`: every finding and measurement (the JSON output); `keepZones`: those of
    /// these zones (a fallback step reads their measurements).
    public init(keepAll: Bool = false, keepZones: Set<String> = []) {
        self.keepAll = keepAll
        self.keepZones = keepZones
    }

    public mutating func add(_ batch: ProbeBatch) {
        let keep = keepAll || batch.zone.map(keepZones.contains) == true
        for finding in batch.findings {
            counts[finding.severity, default: 0] += 1
            if keep || finding.severity != .ok { findings.append(finding) }
        }
        for measurement in batch.measurements {
            if let rtt = measurement.rtt { slowestRTT = max(slowestRTT ?? rtt, rtt) }
        }
        if keep {
            measurements += batch.measurements
            if let zone = batch.zone, let expiry = batch.dnssecExpiry { dnssecExpiry[zone] = expiry }
        }
    }

    public func count(_ severity: Severity) -> Int { counts[severity] ?? 0 }

    /// The worst severity decides, as for a whole run.
    public var status: Severity { counts.filter { $0.value > 0 }.keys.max() ?? .ok }

    /// The kept part of the run as a run, findings worst first.
    public func run(_ frame: ProbeRunFrame) -> ProbeRun {
        ProbeRun(started: frame.started, finished: frame.finished, zones: frame.zones, resolvers: frame.resolvers,
                 findings: findings.sortedWorstFirst(), measurements: measurements, dnssecExpiry: dnssecExpiry)
    }
}
