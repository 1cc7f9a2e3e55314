extension Delegation {
    /// A delegation as the parent's zone file states it: a sweep reads the TLD's file instead
    /// of asking its servers, so no parent server answered (`answeredBy` is the parent's
    /// first server given, else the unspecified address, never a target).
    public init(given zone: DomainName, parent: DomainName, nameServers: [DomainName], glue: [ResourceRecord],
                ds: [ResourceRecord], parentServers: [NameServer] = []) {
        self.init(zone: zone, parent: parent, parentServers: parentServers, nameServers: nameServers,
                  nsRecords: [], glue: glue, ds: ds, dsSignatures: [],
                  answeredBy: parentServers.first?.addresses.first ?? (try! ServerAddress(host: "0.0.0.0")), coHosted: false)
    }
}
