/// One item of a sweep's work list: a zone and its delegation as the TLD's zone file has
/// it. Names are absolute presentation form, lowercased (`ns1.example.cz.`).
public struct SweepDelegation: Hashable, Sendable, Codable {
    public let zone: String
    /// The parent's NS names; empty when the zone came from a list (`--zones FILE`) and
    /// the sweep must ask the parent's servers.
    public let nameServers: [String]
    /// The parent's DS records, rdata in presentation form (`12345 13 2 49FD46...`);
    /// empty for an unsigned delegation.
    public let ds: [String]

    public init(zone: String, nameServers: [String] = [], ds: [String] = []) {
        self.zone = zone
        self.nameServers = nameServers
        self.ds = ds
    }
}

/// An address record of the TLD's zone file below its apex: the glue of in-bailiwick name
/// servers, sibling glue, and the TLD's own data for host names (the registry's host
/// objects). Kept per host name, not per delegation, because one host serves many zones.
public struct SweepGlue: Hashable, Sendable, Codable {
    public let name: String
    public let address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }
}

/// A work item as a claimer gets it: its place in the work list, the delegation, and the
/// glue the TLD's zone file has for its NS names (NS name -> addresses; a name without
/// an entry has no address in the TLD's zone and must be resolved).
public struct SweepItem: Hashable, Sendable {
    public let sequence: Int64
    public let delegation: SweepDelegation
    public let glue: [String: [String]]

    public init(sequence: Int64, delegation: SweepDelegation, glue: [String: [String]]) {
        self.sequence = sequence
        self.delegation = delegation
        self.glue = glue
    }

    public var zone: String { delegation.zone }
}
