/// A sweep's census as the store keeps it: aggregates, never one row per OK finding.
public struct SweepCensus: Hashable, Sendable {
    public let run: SweepRun
    public let progress: SweepProgress
    /// Done zones per worst severity.
    public let statuses: [Severity: Int]
    /// Per problem: how many zones had it and how many findings said it, worst first.
    public let reasons: [ReasonCount]
    /// Per name-server operator (see `NameServerOperator`): zones it serves and how many of
    /// them were not OK. A zone with servers at two operators counts at both.
    public let operators: [OperatorCount]
    /// Against the previous run of the same TLD; nil when there is none.
    public let change: SweepChange?

    public init(run: SweepRun, progress: SweepProgress, statuses: [Severity: Int], reasons: [ReasonCount],
                operators: [OperatorCount], change: SweepChange?) {
        self.run = run
        self.progress = progress
        self.statuses = statuses
        self.reasons = reasons
        self.operators = operators
        self.change = change
    }

    /// Zones with `reason` under `check`, at any severity.
    public func zones(_ check: CheckID, _ reason: Reason) -> Int {
        reasons.filter { $0.check == check && $0.reason == reason }.reduce(0) { $0 + $1.zones }
    }
}

public struct ReasonCount: Hashable, Sendable, Codable {
    public let check: CheckID
    public let reason: Reason
    public let severity: Severity
    public let zones: Int
    public let findings: Int

    public init(check: CheckID, reason: Reason, severity: Severity, zones: Int, findings: Int) {
        self.check = check
        self.reason = reason
        self.severity = severity
        self.zones = zones
        self.findings = findings
    }
}

public struct OperatorCount: Hashable, Sendable, Codable {
    public let name: String
    public let zones: Int
    public let broken: Int

    public init(name: String, zones: Int, broken: Int) {
        self.name = name
        self.zones = zones
        self.broken = broken
    }
}

/// How far a run is: every zone of the work list is done, leased to a claimer (whose
/// lease has not expired) or waiting.
public struct SweepProgress: Hashable, Sendable, Codable {
    public let total: Int
    public let done: Int
    public let leased: Int

    public init(total: Int, done: Int, leased: Int) {
        self.total = total
        self.done = done
        self.leased = leased
    }

    /// Neither done nor under a live lease: what a claimer gets next.
    public var waiting: Int { total - done - leased }
    public var isComplete: Bool { done == total }
}

/// A run against the previous run of the same TLD, zone by zone ("broken" = worse than OK).
public struct SweepChange: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Broken now; OK in the previous run, or not in it.
        case newlyBroken = "new"
        /// Broken in the previous run, OK now.
        case fixed
        /// Broken in both.
        case stillBroken = "still-broken"
        /// Broken in the previous run and no longer in the work list (undelegated).
        case gone
    }

    public let previousRun: Int64
    public let counts: [Kind: Int]

    public init(previousRun: Int64, counts: [Kind: Int]) {
        self.previousRun = previousRun
        self.counts = counts
    }

    public subscript(kind: Kind) -> Int { counts[kind] ?? 0 }
}
