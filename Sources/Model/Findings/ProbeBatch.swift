public import Foundation

/// One part of a probe run, handed on as soon as it is final: a zone's authoritative
/// findings and measurements, one resolver's findings about a zone or about itself, or
/// the run's own findings. Sinks (history, metrics, the status line) consume batches one
/// at a time, so a run over many zones never holds them all.
public struct ProbeBatch: Sendable {
    /// The zone the batch is about; nil for a resolver's or the run's own findings.
    public var zone: String?
    public var findings: [Finding]
    public var measurements: [Measurement]
    /// The earliest RRSIG expiration seen in the zone, when it is signed.
    public var dnssecExpiry: Date?

    public init(zone: String?, findings: [Finding], measurements: [Measurement] = [], dnssecExpiry: Date? = nil) {
        self.zone = zone
        self.findings = findings
        self.measurements = measurements
        self.dnssecExpiry = dnssecExpiry
    }
}

/// What frames a run whose findings went to sinks.
public struct ProbeRunFrame: Sendable {
    public var started: Date
    public var finished: Date
    public var zones: [String]
    public var resolvers: [String]

    public init(started: Date, finished: Date, zones: [String], resolvers: [String]) {
        self.started = started
        self.finished = finished
        self.zones = zones
        self.resolvers = resolvers
    }
}
