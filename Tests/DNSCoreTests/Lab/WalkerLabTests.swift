import DNSCore
import DNSWardTestKit
import Testing

extension LabTests {
    @Suite struct Walker {
        func walker() throws -> DelegationWalker {
            DelegationWalker(client: DNSClient(options: QueryOptions(timeout: .milliseconds(500), udpRetries: 0)),
                             rootHints: try Lab.rootHints())
        }

        @Test func rootHintsFileLoads() throws {
            let hints = try Lab.rootHints()
            #expect(Set(hints.addresses) == [Lab.rootA, Lab.rootB])
        }

        @Test func walksFromTheLabRootToTheParent() async throws {
            let delegation = try await walker().delegation(of: "healthy.test.")
            #expect(delegation.parent == "test.")
            #expect(Set(delegation.parentServers.flatMap(\.addresses)) == [Lab.tldNSD, Lab.tldKnot])
            #expect(Set(delegation.nameServers) == ["ns1.healthy.test.", "ns2.healthy.test."])
            #expect(Set(delegation.glue.compactMap(\.address)) == ["127.53.2.1", "127.53.2.2"])
            #expect(delegation.ds.isEmpty)
            #expect(!delegation.coHosted)
        }

        @Test func tldDelegationComesFromTheRootWithDS() async throws {
            let delegation = try await walker().delegation(of: "test.")
            #expect(delegation.parent == .root)
            #expect(!delegation.ds.isEmpty)
            #expect(!delegation.dsSignatures.isEmpty)
        }

        @Test func parentAndChildNSSetsDifferForTheMismatchZone() async throws {
            let delegation = try await walker().delegation(of: "mismatch.test.")
            let child = try await DNSClient().query("mismatch.test.", .ns, at: Lab.authA).message.answers(.ns)
            #expect(Set(delegation.nameServers) != Set(child.compactMap(\.target)))
        }

        @Test func partlyDeadZoneStillWalks() async throws {
            let delegation = try await walker().delegation(of: "partial.test.")
            #expect(delegation.nameServers.count == 3)
        }

        @Test func missingZoneIsNotDelegated() async throws {
            let error = await #expect(throws: DNSCoreError.self) { try await walker().delegation(of: "nosuch.test.") }
            #expect(error?.code == .notDelegated)
        }

        @Test func iterativeAddressLookup() async throws {
            let addresses = try await walker().addresses(of: "ns1.healthy.test.")
            #expect(addresses == [Lab.authA])
        }
    }
}
