public import Foundation

/// Everything one probe run produced; the JSON output, metrics and history are views of it.
public struct ProbeRun: Sendable, Codable {
    public static let schemaVersion = 1

    public var started: Date
    public var finished: Date
    public var zones: [String]
    public var resolvers: [String]
    public var findings: [Finding]
    public var measurements: [Measurement]
    /// Earliest RRSIG expiration seen per signed zone.
    public var dnssecExpiry: [String: Date]

    public init(started: Date, finished: Date, zones: [String], resolvers: [String], findings: [Finding],
                measurements: [Measurement], dnssecExpiry: [String: Date]) {
        self.started = started
        self.finished = finished
        self.zones = zones
        self.resolvers = resolvers
        self.findings = findings
        self.measurements = measurements
        self.dnssecExpiry = dnssecExpiry
    }

    /// The worst severity decides the run's status.
    public var status: Severity { findings.map(\.severity).max() ?? .ok }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
