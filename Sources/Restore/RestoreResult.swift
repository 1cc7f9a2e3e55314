public import DNSCore

/// What a restore did, for people (the CLI's text) and machines (its JSON).
public struct RestoreResult: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// Configuration printed, nothing installed.
        case generated
        /// Installed, reloaded, and the resolver answers the critical names from the copy.
        case applied
        /// Installed switched off (fallback mode), waiting to be switched on.
        case standby
        /// The switch failed and the previous configuration was put back.
        case rolledBack = "rolled-back"
        /// Taken out of service.
        case undone
        case nothingToUndo = "nothing-to-undo"
    }

    public static let schemaVersion = 1

    public var schema = RestoreResult.schemaVersion
    public let zone: DomainName
    public let resolver: ResolverKind
    public var mode: RestoreMode?
    public var snapshot: String?
    public var serial: UInt32?
    public var outcome: Outcome
    /// The whole switch (or undo), from the admission check to the last verification answer.
    public var seconds: Double?
    public var admission: SnapshotAdmission?
    public var checks: [CriticalCheck] = []
    /// Loud: forced refusals, failures while rolling back.
    public var warnings: [String] = []
    /// What was done, in order, with the time it took.
    public var steps: [String] = []
    /// Why the switch was rolled back.
    public var failure: String?
    public var fragment: ResolverFragment?
    /// How to go on (e.g. how to switch a standby fragment on).
    public var nextStep: String?

    public init(zone: DomainName, resolver: ResolverKind, outcome: Outcome) {
        self.zone = zone
        self.resolver = resolver
        self.outcome = outcome
    }
}
