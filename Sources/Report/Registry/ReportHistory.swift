public import Foundation
public import History
public import Model

/// What the report is built from: values read from the history store, nothing else.
public struct ReportHistory: Sendable {
    public struct Run: Sendable, Equatable {
        public var id: Int64
        public var started: Date
        public var resolvers: [String]

        public init(id: Int64, started: Date, resolvers: [String]) {
            self.id = id
            self.started = started
            self.resolvers = resolvers
        }
    }

    public struct RunFinding: Sendable {
        public var runID: Int64
        public var finding: Finding
    }

    public struct RunMeasurement: Sendable {
        public var started: Date
        public var measurement: Model.Measurement
    }

    public struct Expiry: Sendable {
        public var started: Date
        public var zone: String
        public var expiry: Date
    }

    public struct ZoneRun: Sendable {
        public var zone: String
        public var started: Date
    }

    public var runs: [Run]
    /// The findings problems and incidents are made of (not OK, or a serial lag).
    public var findings: [RunFinding]
    /// Which runs looked at which zone; nil: derived from `findings` (then they must be all).
    public var zoneRuns: [ZoneRun]?
    public var measurements: [RunMeasurement]
    public var expiries: [Expiry]
    public var snapshotEvents: [SnapshotEvent]
    public var restoreEvents: [RestoreEvent]
    public var headroomRuns: [HeadroomSummary]

    public init(runs: [Run], findings: [RunFinding], zoneRuns: [ZoneRun]? = nil, measurements: [RunMeasurement],
                expiries: [Expiry], snapshotEvents: [SnapshotEvent], restoreEvents: [RestoreEvent], headroomRuns: [HeadroomSummary]) {
        self.runs = runs
        self.findings = findings
        self.zoneRuns = zoneRuns
        self.measurements = measurements
        self.expiries = expiries
        self.snapshotEvents = snapshotEvents
        self.restoreEvents = restoreEvents
        self.headroomRuns = headroomRuns
    }

    /// The probe runs since `since`, and every backup, drill and headroom event on record:
    /// the state of a backup (its last good copy, its last drill) may be older than the period.
    public static func read(from store: HistoryStore, since: Date) throws -> ReportHistory {
        ReportHistory(
            runs: try store.runs(since: since).map { Run(id: $0.id, started: $0.started, resolvers: $0.resolvers ?? []) },
            findings: try store.problemFindings(since: since, alsoReasons: [.serialLag, .serialLagUnknownDuration])
                .map { RunFinding(runID: $0.runID, finding: $0.finding) },
            zoneRuns: try store.zoneRuns(since: since).map { ZoneRun(zone: $0.zone, started: $0.started) },
            measurements: try store.measurements(since: since).map { RunMeasurement(started: $0.started, measurement: $0.measurement) },
            expiries: try store.dnssecExpiries(since: since).map { Expiry(started: $0.started, zone: $0.zone, expiry: $0.expiry) },
            snapshotEvents: try store.snapshotEvents(),
            restoreEvents: try store.restoreEvents(),
            headroomRuns: try store.headroomRuns())
    }
}
