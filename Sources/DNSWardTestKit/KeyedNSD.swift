public import DNSCore

/// A `ZoneServer` on 127.61.0.1 serving `keyed.test.` (3,003 records) to transfers signed
/// with the TSIG key `transfer.key` (hmac-sha256, `secret`) only.
public func withKeyedNSD(secret: String, _ body: (ServerAddress) async throws -> Void) async throws {
    var lines = ["$ORIGIN keyed.test.", "$TTL 300", "@ IN SOA ns1 hostmaster 2026112401 3600 900 604800 60", "@ IN NS ns1",
                 "ns1 IN A 192.0.2.1"]
    for index in 0..<3000 { lines.append("h\(index) IN A 192.0.2.\(index % 250)") }
    let setup = ZoneServer.Setup(zone: "keyed.test.", text: lines.joined(separator: "\n") + "\n",
                                 provideXFR: ["127.0.0.0/8 transfer.key"], keys: [(name: "transfer.key", secret: secret)])
    try await withZoneServer(host: "127.61.0.1", setup) { try await body($0.address) }
}
