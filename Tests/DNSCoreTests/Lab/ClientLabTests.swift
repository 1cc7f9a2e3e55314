import DNSCore
import Foundation
import DNSWardTestKit
import Testing

extension LabTests {
    @Suite struct Client {
        let client = DNSClient(options: QueryOptions(timeout: .milliseconds(800), udpRetries: 0))

        @Test(arguments: [TransportProtocol.udp, .tcp])
        func authoritativeAnswer(over transport: TransportProtocol) async throws {
            var options = client.options
            options.transport = transport
            let response = try await client.query("www.healthy.test.", .a, at: Lab.authA, options: options)
            #expect(response.transport == transport)
            #expect(response.message.rcode == .noError)
            #expect(response.message.flags.contains(.aa))
            #expect(response.message.answers(.a).compactMap(\.address) == ["192.0.2.10"])
            #expect(response.rtt > .zero && response.rtt < .seconds(1))
        }

        @Test func knotAndNSDAgreeOnTheHealthyZone() async throws {
            let a = try await client.query("healthy.test.", .soa, at: Lab.authA)
            let b = try await client.query("healthy.test.", .soa, at: Lab.authB)
            #expect(RRSet.group(a.message.answer) == RRSet.group(b.message.answer))
        }

        @Test func lameServerRefuses() async throws {
            let response = try await client.query("lame.test.", .soa, at: Lab.authB)
            #expect(response.message.rcode == .refused)
        }

        @Test func silentServerTimesOutClosedPortIsRefused() async throws {
            let silent = await #expect(throws: TransportError.self) {
                try await client.query("partial.test.", .soa, at: Lab.blackhole)
            }
            #expect(silent?.code == .timeout)
            let closed = await #expect(throws: TransportError.self) {
                try await client.query("partial.test.", .soa, at: Lab.closed)
            }
            #expect(closed?.code == .refused)
            var tcp = client.options
            tcp.transport = .tcp
            let closedTCP = await #expect(throws: TransportError.self) {
                try await client.query("partial.test.", .soa, at: Lab.closed, options: tcp)
            }
            #expect(closedTCP?.code == .refused)
        }

        @Test func validatingResolverSetsADAndRejectsBogus() async throws {
            let signed = try await client.query("www.signed.test.", .a, at: Lab.resolver, recursionDesired: true, dnssec: true)
            #expect(signed.message.rcode == .noError)
            #expect(signed.message.flags.contains(.ad))
            let bogus = try await client.query("bogus.test.", .soa, at: Lab.resolver, recursionDesired: true, dnssec: true)
            #expect(bogus.message.rcode == .servFail)
        }

        @Test func lyingResolverLies() async throws {
            let lie = try await client.query("www.healthy.test.", .a, at: Lab.liar, recursionDesired: true)
            #expect(lie.message.answers(.a).compactMap(\.address) == ["192.0.2.66"])
            let truth = try await client.query("www.healthy.test.", .a, at: Lab.resolver, recursionDesired: true)
            #expect(truth.message.answers(.a).compactMap(\.address) == ["192.0.2.10"])
        }

        @Test func manyQueriesInFlightAtOnce() async throws {
            let client = self.client
            let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<500 {
                    group.addTask {
                        let name = try DomainName("h\(String(format: "%06d", index)).large.test.")
                        let response = try await client.query(name, .a, at: index.isMultiple(of: 2) ? Lab.authA : Lab.authB)
                        return response.message.rcode == .noError && response.message.answer.count == 1
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(answered == 500)
        }
    }
}
