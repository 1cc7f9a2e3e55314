public import Foundation

/// One sweep of a TLD: its work list (every delegation, loaded when the run is created)
/// and, as zones are done, their results and the census aggregates.
public struct SweepRun: Hashable, Sendable, Codable {
    public let id: Int64
    /// The TLD swept, absolute and lowercased (`cz.`, `sweep.`).
    public let tld: String
    public let started: Date
    public let source: SweepSource
    /// The size of the work list.
    public let zones: Int
    /// Set by `SweepStore.finish` once every zone of the work list is done.
    public let finished: Date?

    public init(id: Int64, tld: String, started: Date, source: SweepSource, zones: Int, finished: Date?) {
        self.id = id
        self.tld = tld
        self.started = started
        self.source = source
        self.zones = zones
        self.finished = finished
    }
}

/// Where a run's work list came from: the TLD's own zone file (NS, DS and glue per
/// delegation), or a list of zone names whose delegations the sweep must ask for.
public struct SweepSource: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case zoneFile = "zone-file"
        case zoneList = "zone-list"
    }

    public let kind: Kind
    public let path: String

    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String { "\(kind.rawValue) \(path)" }
}
