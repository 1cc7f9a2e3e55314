import DNSWardTestKit
import Foundation
import Testing
@testable import DNSCore

/// The target allow-list: what it accepts, and that every way of reaching a server (UDP,
/// TCP, AXFR, the delegation walk) is refused before anything is sent.
@Suite struct TargetAllowListTests {
    static let realRoot = try! ServerAddress(host: "198.41.0.4")

    /// Every test process runs with the loopback list (CDNSWardTestKit), so nothing below
    /// can reach the real root server even if the check were broken: it would fail with
    /// "network unreachable" in the test's network namespace instead of the allow-list error.
    func requireLoopbackOnly() throws {
        let lists = TargetPolicy.current
        try #require(lists.contains { $0.source == TargetPolicy.environmentVariable && !$0.permits(Self.realRoot) },
                     "the test process must run with \(TargetPolicy.environmentVariable)=\(TestTargets.allowList)")
    }

    @Test func everyTestProcessAllowsLoopbackOnly() throws {
        try requireLoopbackOnly()
        #expect(ProcessInfo.processInfo.environment[TargetPolicy.environmentVariable] == "127.0.0.0/8, ::1")
        let list = try #require(TargetPolicy.current.first)
        #expect(list.description == "127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS)")
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.53.2.1", true), ("127.255.255.255", true), ("::1", true),
        ("::ffff:127.0.0.1", true), ("128.0.0.1", false), ("126.255.255.255", false), ("::2", false),
        ("198.41.0.4", false), ("2001:503:ba3e::2:30", false), ("::ffff:198.41.0.4", false), ("0.0.0.0", false),
    ])
    func loopbackListMatchesByPrefix(host: String, permitted: Bool) throws {
        let list = try TargetAllowList(parsing: "127.0.0.0/8, ::1", source: "test")
        #expect(list.permits(try ServerAddress(host: host)) == permitted)
    }

    @Test func prefixesParseAndPrintInCIDRForm() throws {
        let list = try TargetAllowList(parsing: " 10.1.2.3/8,2001:DB8:0:0::/32\t::1  192.0.2.7 ", source: "test")
        #expect(list.prefixes.map(\.description) == ["10.0.0.0/8", "2001:db8::/32", "::1", "192.0.2.7"])
        #expect(list.permits(try ServerAddress(host: "10.200.0.1")))
        #expect(list.permits(try ServerAddress(host: "2001:db8:ffff::1")))
        #expect(!list.permits(try ServerAddress(host: "2001:db9::1")))
        #expect(try TargetAllowList(parsing: "0.0.0.0/0, ::/0", source: "test").permits(Self.realRoot))
    }

    @Test(arguments: ["", " , ", "127.0.0.0/33", "::1/129", "127.0.0.0/+8", "127.0.0.0/", "localhost", "127.0.0.0/8; ::1"])
    func badListsAreRefused(text: String) {
        #expect(throws: DNSCoreError.self) { try TargetAllowList(parsing: text, source: "test") }
    }

    @Test func anUnreadableEnvironmentSettingPermitsNothing() throws {
        let list = try #require(TargetAllowList.fromEnvironment("127.0.0.0/8, bogus"))
        #expect(!list.permits(try ServerAddress(host: "127.0.0.1")))
        #expect(list.description.contains("DNSWARD_ALLOW_TARGETS is unusable (not an address prefix: 'bogus'"))
        #expect(TargetAllowList.fromEnvironment(nil) == nil)
        #expect(TargetAllowList.fromEnvironment("  ") == nil)
    }

    @Test(arguments: [TransportProtocol.udp, .tcp])
    func transportRefusesBeforeSending(over transport: TransportProtocol) async throws {
        try requireLoopbackOnly()
        let dns = DNSTransport()
        defer { dns.shutdown() }
        do {
            _ = try await dns.exchange(TransportFixtures.Query.make("."), with: Self.realRoot,
                                       options: QueryOptions(transport: transport, timeout: .seconds(5)))
            Issue.record("a query to \(Self.realRoot) was answered")
        } catch {
            #expect(error.code == .targetNotAllowed)
            #expect(error.transport == transport)
            #expect(error.description
                == "198.41.0.4 is outside the target allow-list 127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS): nothing was sent over \(transport)")
        }
        #expect(dns.statistics.sent == 0)
    }

    @Test func zoneTransferRefusesBeforeConnecting() async throws {
        try requireLoopbackOnly()
        do {
            _ = try await AXFRClient(timeout: .seconds(5)).transfer(zone: .root, from: Self.realRoot)
            Issue.record("a transfer from \(Self.realRoot) started")
        } catch let error as TransportError {
            #expect(error.code == .targetNotAllowed)
            #expect(error.description.hasPrefix("198.41.0.4 is outside the target allow-list 127.0.0.0/8, ::1"))
        }
    }

    /// What a probe or a snapshot that forgets --root-hints meets: the IANA root servers,
    /// every one refused at once, said once.
    @Test func walkFromTheIANARootFailsWithTheAllowListError() async throws {
        try requireLoopbackOnly()
        let transport = DNSTransport()
        defer { transport.shutdown() }
        let walker = DelegationWalker(client: DNSClient(transport: transport), rootHints: .iana)
        do {
            _ = try await walker.delegation(of: DomainName("healthy.test"))
            Issue.record("the walk from the IANA root servers went somewhere")
        } catch let error as DNSCoreError {
            #expect(error.reason.hasPrefix("no server of . may be asked healthy.test. NS: every address (198.41.0.4, 2001:503:ba3e::2:30, "))
            #expect(error.reason.hasSuffix("is outside the target allow-list 127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS); nothing was sent (these are the IANA root servers: give --root-hints?)"))
        }
        #expect(transport.statistics.sent == 0)
    }
}
