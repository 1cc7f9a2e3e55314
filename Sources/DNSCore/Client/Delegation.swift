/// How a zone's parent delegates it, as the parent's servers say.
public struct Delegation: Sendable {
    public let zone: DomainName
    /// The zone cut above `zone` whose servers answered the referral.
    public let parent: DomainName
    /// Every server of the parent, with addresses, so a check can ask each one.
    public let parentServers: [NameServer]
    /// The NS names of the referral.
    public let nameServers: [DomainName]
    /// The referral's NS records as sent.
    public let nsRecords: [ResourceRecord]
    /// A/AAAA records for the NS names that came with the referral.
    public let glue: [ResourceRecord]
    /// The parent's DS RRset for the zone (empty: unsigned delegation) and its RRSIGs.
    public let ds: [ResourceRecord]
    public let dsSignatures: [ResourceRecord]
    /// The parent server that gave the referral, and its answer as received.
    public let answeredBy: ServerAddress
    public var referral: DNSResponse?
    /// True when that server is authoritative for the zone too and answered from the
    /// child's data instead of with a referral; the NS set then is the child's.
    public let coHosted: Bool

    /// The zone's servers with addresses from the glue (none for out-of-bailiwick names).
    public var serversFromGlue: [NameServer] {
        nameServers.map { name in
            NameServer(name: name, addresses: glue.filter { $0.owner == name }.compactMap(\.address)
                .compactMap { try? ServerAddress(host: $0) })
        }
    }
}
