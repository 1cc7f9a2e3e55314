public import Foundation
public import Model

/// The registry-administrator report: what is wrong, where, since when and what to do,
/// built from the history alone. The HTML, Markdown and JSON renderings are views of it;
/// its JSON is schema 1 (RegistryReportJSONSchema.md).
public struct RegistryReport: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public var schema = RegistryReport.schemaVersion
    public var language: ReportLanguage
    public var generated: Date
    public var since: Date
    public var until: Date
    /// Probe runs in the period.
    public var probeRuns: Int
    /// The resolvers the period's runs checked.
    public var resolvers: [String]
    /// Every problem of the period, worst first (then still present before resolved).
    public var summary: [ReportProblem]
    public var zones: [ZoneReport]
    /// The latest headroom run of each server and transport.
    public var headroom: [HeadroomEntry]
    /// What the reader should know about the data itself (an empty period, a filter).
    public var notes: [String]
    /// The limits the report judged backups, drills and headroom by.
    public var limits: Limits

    public struct Limits: Codable, Sendable, Equatable {
        public var backupMaxAgeSeconds: Double
        public var drillMaxAgeSeconds: Double
        public var expiryWindowSeconds: Double
        public var headroomMinimum: Double
    }

    public init(language: ReportLanguage, generated: Date, since: Date, until: Date, probeRuns: Int, resolvers: [String],
                summary: [ReportProblem], zones: [ZoneReport], headroom: [HeadroomEntry], notes: [String], limits: Limits) {
        self.language = language
        self.generated = generated
        self.since = since
        self.until = until
        self.probeRuns = probeRuns
        self.resolvers = resolvers
        self.summary = summary
        self.zones = zones
        self.headroom = headroom
        self.notes = notes
        self.limits = limits
    }

    public func count(_ severity: Severity) -> Int { summary.filter { $0.severity == severity }.count }
}

/// One problem: a finding (or a backup, drill or headroom event) as it stood over the
/// period, with its recommended action.
public struct ReportProblem: Codable, Sendable, Equatable {
    /// The worst severity it had in the period.
    public var severity: Severity
    /// The check; nil for the report's own problems (backups, drills, headroom).
    public var check: CheckID?
    public var reason: Reason
    public var zone: String?
    public var server: String?
    public var address: String?
    public var transport: String?
    public var firstSeen: Date
    public var lastSeen: Date
    /// How many probe runs (or events) had it.
    public var occurrences: Int
    /// True while the latest run (or event) still has it.
    public var ongoing: Bool
    /// The evidence of its latest occurrence.
    public var parameters: FindingParameters
    /// What is wrong, in the report's language.
    public var message: String
    /// What to do, in the report's language.
    public var action: String
}

public struct ZoneReport: Codable, Sendable, Equatable {
    public var zone: String
    /// The worst severity among the zone's problems still present; OK when none is.
    public var status: Severity
    public var availability: [ServerAvailability]
    public var latency: [LatencySeries]
    public var serialIncidents: [SerialIncident]
    /// Data differing between servers, delegation mismatches, DNSKEY sets differing.
    public var consistency: [ReportProblem]
    /// Resolvers answering other than the authorities (REC-CORRECT, REC-NXDOMAIN).
    public var hijack: [ReportProblem]
    public var dnssec: DNSSECStatus
    public var backup: BackupStatus
}

public struct ServerAvailability: Codable, Sendable, Equatable {
    public var server: String
    public var address: String
    public var udp: Availability?
    public var tcp: Availability?
}

public struct Availability: Codable, Sendable, Equatable {
    public var answered: Int
    public var runs: Int
    public var percent: Double { runs == 0 ? 0 : Double(answered) * 100 / Double(runs) }

    public init(answered: Int, runs: Int) {
        self.answered = answered
        self.runs = runs
    }

    enum CodingKeys: String, CodingKey { case answered, runs, percent }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        answered = try container.decode(Int.self, forKey: .answered)
        runs = try container.decode(Int.self, forKey: .runs)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answered, forKey: .answered)
        try container.encode(runs, forKey: .runs)
        try container.encode((percent * 10).rounded() / 10, forKey: .percent)
    }
}

/// The UDP SOA round trips of one server address over the period: summary figures, and
/// the chart's points (the median of each time bucket).
public struct LatencySeries: Codable, Sendable, Equatable {
    public var server: String
    public var address: String
    public var samples: Int
    public var medianMilliseconds: Double
    public var p95Milliseconds: Double
    public var maxMilliseconds: Double
    public var points: [LatencyPoint]
}

public struct LatencyPoint: Codable, Sendable, Equatable {
    /// The start of the bucket.
    public var time: Date
    public var milliseconds: Double
}

/// A server serving an older serial than the zone's newest, from the first run that saw
/// it behind to the first run that saw it caught up (or the end of the period).
public struct SerialIncident: Codable, Sendable, Equatable {
    public var server: String
    public var address: String
    public var serial: UInt32
    public var reference: UInt32
    /// RFC 1982 distance from the served to the newest serial; nil when incomparable.
    public var behind: Int?
    public var start: Date
    /// The first run that saw it caught up; nil while it lags.
    public var end: Date?
    public var seconds: Double
    public var ongoing: Bool
    public var severity: Severity
    /// The servers that served the newest serial meanwhile.
    public var referenceServers: [String]
}

public struct DNSSECStatus: Codable, Sendable, Equatable {
    /// True when a run saw RRSIGs in the zone.
    public var signed: Bool
    /// The earliest RRSIG expiration the latest run saw.
    public var earliestExpiry: Date?
    /// From the end of the period to `earliestExpiry`.
    public var daysLeft: Double?
    /// The shortest horizon any run of the period saw, and when.
    public var shortestDaysLeft: Double?
    public var shortestSeenAt: Date?
    public var incidents: [ReportProblem]
}

public struct BackupStatus: Codable, Sendable, Equatable {
    public var lastGood: SnapshotSummary?
    /// From the last good snapshot to the end of the period.
    public var ageSeconds: Double?
    public var lastVerification: VerificationSummary?
    public var lastDrill: DrillSummary?
    /// Snapshot events in the period, per kind.
    public var taken: Int
    public var refused: Int
    public var failed: Int
    public var drills: Int
    public var drillsFailed: Int
}

public struct SnapshotSummary: Codable, Sendable, Equatable {
    public var time: Date
    public var snapshot: String?
    public var serial: UInt32?
    public var records: Int?
    public var method: String?
    public var signed: Bool?
    public var usableUntil: Date?
}

public struct VerificationSummary: Codable, Sendable, Equatable {
    public var time: Date
    public var status: String
    public var detail: String?
}

public struct DrillSummary: Codable, Sendable, Equatable {
    public var time: Date
    public var snapshot: String?
    public var passed: Bool
    public var outcome: String
    /// From starting the private resolver to its first right answer.
    public var seconds: Double?
    public var checksPassed: Int?
    public var checksTotal: Int?
    public var detail: String?
}

public struct HeadroomEntry: Codable, Sendable, Equatable {
    public var server: String
    public var transport: String
    public var time: Date
    public var capacityQps: Double?
    /// The generator, not the server, set the limit: the capacity is at least this.
    public var lowerBound: Bool
    public var baselineQps: Double?
    public var headroom: Double?
    public var bandwidthInMbps: Double?
    public var bandwidthOutMbps: Double?
    public var limitedBy: String?
    public var verdict: String
}
