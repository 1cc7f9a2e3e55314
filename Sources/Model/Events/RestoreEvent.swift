public import Foundation

/// A backup put into a resolver's service or taken out of it, by an operator (`restore`),
/// by the probe's fallback switch, or in a drill: what the report's restore and "last
/// drill" columns show.
public struct RestoreEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case apply, undo
        /// The probe's fallback switch put the backup in (or tried to).
        case fallbackSwitch = "fallback-switch"
        /// The probe's fallback switch took it out.
        case fallbackUndo = "fallback-undo"
        /// `dnsward drill`: a private resolver served the backup, nothing in production touched.
        case drill
    }

    public var time: Date
    public var kind: Kind
    public var zone: String
    /// `unbound`, `bind`, `knot-resolver`.
    public var resolver: String
    /// The resolver's address the answers were checked at.
    public var address: String?
    public var snapshot: String?
    /// `applied`, `rolled-back`, `refused`, `undone`, `passed`, `failed`, ...
    public var outcome: String
    /// From the start of the switch (or drill) to verified answers.
    public var seconds: Double?
    public var checksPassed: Int?
    public var checksTotal: Int?
    public var detail: String?

    public init(time: Date, kind: Kind, zone: String, resolver: String, address: String? = nil, snapshot: String? = nil,
                outcome: String, seconds: Double? = nil, checksPassed: Int? = nil, checksTotal: Int? = nil, detail: String? = nil) {
        self.time = time
        self.kind = kind
        self.zone = zone
        self.resolver = resolver
        self.address = address
        self.snapshot = snapshot
        self.outcome = outcome
        self.seconds = seconds
        self.checksPassed = checksPassed
        self.checksTotal = checksTotal
        self.detail = detail
    }

    /// True for an outcome that went as it should.
    public var succeeded: Bool { ["applied", "undone", "passed", "standby", "generated"].contains(outcome) }
}
