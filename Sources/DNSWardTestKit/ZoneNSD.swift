public import DNSCore

/// A `ZoneServer` on 127.61.0.2 serving one zone from the given master-file text to any
/// loopback transfer, for zones the lab does not have: hostile names, forgeries of the
/// lab's signed zones.
public func withZoneNSD(zone: DomainName, zoneFile text: String, _ body: (ServerAddress) async throws -> Void) async throws {
    try await withZoneServer(host: "127.61.0.2", ZoneServer.Setup(zone: zone, text: text)) { try await body($0.address) }
}
