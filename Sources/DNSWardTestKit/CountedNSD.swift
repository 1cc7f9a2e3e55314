public import DNSCore

/// A private NSD on 127.62.0.1 and a random port, serving `counted.test.` with
/// `nsd-control` on a unix socket, for tests that read its query counters.
///
/// Not the lab's NSD: NSD 4.6 answers `nsd-control stats_noreset` by replacing its server
/// process, which cuts every open TCP connection (zone transfers included) of a server
/// other suites are using at the same time.
public struct CountedNSD: Sendable {
    public let address: ServerAddress
    /// For `nsd-control -c`.
    public let configPath: String
}

/// Runs `body` with a started `CountedNSD` (a `ZoneServer` with a control socket and no
/// transfers), stopped by its pid on every path.
public func withCountedNSD(_ body: (CountedNSD) async throws -> Void) async throws {
    let zone = """
        $ORIGIN counted.test.
        $TTL 300
        @ IN SOA ns1 hostmaster 2026112401 3600 900 604800 60
        @ IN NS ns1
        @ IN MX 10 mail
        ns1 IN A 192.0.2.1
        www IN A 192.0.2.10
        www IN AAAA 2001:db8::10
        mail IN A 192.0.2.15

        """
    let setup = ZoneServer.Setup(zone: "counted.test.", text: zone, provideXFR: [], controlSocket: true)
    try await withZoneServer(host: "127.62.0.1", setup) { server in
        try await body(CountedNSD(address: server.address, configPath: server.configPath))
    }
}
