public import DNSCore
public import Foundation
public import Model

/// One recorded probe run, without its findings.
public struct RunSummary: Hashable, Sendable {
    public let id: Int64
    public let started: Date
    public let finished: Date
    public let status: Severity
    public let critical: Int
    public let warning: Int
    public let unknown: Int
    public let zones: Int
    /// The resolvers the run checked; nil for a run recorded before the history kept them.
    public let resolvers: [String]?

    public init(id: Int64, started: Date, finished: Date, status: Severity,
                critical: Int, warning: Int, unknown: Int, zones: Int, resolvers: [String]? = nil) {
        self.id = id
        self.started = started
        self.finished = finished
        self.status = status
        self.critical = critical
        self.warning = warning
        self.unknown = unknown
        self.zones = zones
        self.resolvers = resolvers
    }
}
