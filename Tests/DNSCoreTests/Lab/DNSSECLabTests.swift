import DNSCore
import DNSWardTestKit
import Testing

extension LabTests {
    @Suite struct DNSSEC {
        let client = DNSClient()

        func check(_ zone: DomainName, at server: ServerAddress) async throws -> [SignatureVerdict] {
            let keys = try await client.query(zone, .dnskey, at: server, dnssec: true).message.answer
            let soa = try await client.query(zone, .soa, at: server, dnssec: true).message.answer
            return DNSSECVerifier.verifyAll(rrset: soa.filter { $0.type == .soa }, signatures: soa, keys: keys)
        }

        @Test(arguments: [Lab.authA, Lab.authB])
        func signedZoneVerifies(server: ServerAddress) async throws {
            let verdicts = try await check("signed.test.", at: server)
            #expect(!verdicts.isEmpty)
            #expect(verdicts.allSatisfy { $0.isValid }, "\(verdicts)")
        }

        @Test func expiredZoneIsExpired() async throws {
            let verdicts = try await check("expired.test.", at: Lab.authA)
            #expect(!verdicts.isEmpty)
            #expect(verdicts.allSatisfy { $0.status == .expired }, "\(verdicts)")
        }

        @Test func parentDSMatchesTheSignedZonesKeyButNotTheBogusOne() async throws {
            let walker = DelegationWalker(rootHints: try Lab.rootHints())
            let signed = try await walker.delegation(of: "signed.test.")
            let keys = try await client.query("signed.test.", .dnskey, at: Lab.authA, dnssec: true).message.answers(.dnskey)
            #expect(!signed.ds.isEmpty)
            #expect(signed.ds.contains { ds in keys.contains { DNSSECVerifier.matches(ds: ds, dnskey: $0) } })
            let bogus = try await walker.delegation(of: "bogus.test.")
            let bogusKeys = try await client.query("bogus.test.", .dnskey, at: Lab.authA, dnssec: true).message.answers(.dnskey)
            #expect(!bogus.ds.isEmpty)
            #expect(!bogus.ds.contains { ds in bogusKeys.contains { DNSSECVerifier.matches(ds: ds, dnskey: $0) } })
        }
    }
}
