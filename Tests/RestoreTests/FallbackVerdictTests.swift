import DNSCore
import Foundation
import Model
import Restore
import Testing

/// The fallback switch hears "the authorities answered" only from an authoritative answer.
@Suite struct FallbackVerdictTests {
    static func run(_ measurements: [Model.Measurement]) -> ProbeRun {
        ProbeRun(started: Date(), finished: Date(), zones: ["down.test."], resolvers: [], findings: [],
                 measurements: measurements, dnssecExpiry: [:])
    }

    @Test func aLameServersRefusalIsNoAnswer() {
        // REFUSED comes back fast (an RTT), but no serial: not the zone answering.
        let lame = Model.Measurement(zone: "down.test.", server: "ns1.down.test.", address: "127.53.2.1",
                                     transport: .udp, rtt: 0.001, serial: nil)
        let silent = Model.Measurement(zone: "down.test.", server: "ns2.down.test.", address: "127.53.2.3",
                                       transport: .udp, rtt: nil, serial: nil)
        #expect(!FallbackStep.authoritiesAnswered("down.test.", in: Self.run([lame, silent])))
    }

    @Test func anAuthoritativeAnswerOfThatZoneCounts() {
        let answer = Model.Measurement(zone: "down.test.", server: "ns1.down.test.", address: "127.53.2.1",
                                       transport: .udp, rtt: 0.001, serial: 7)
        let otherZone = Model.Measurement(zone: "up.test.", server: "ns1.up.test.", address: "127.53.2.1",
                                          transport: .udp, rtt: 0.001, serial: 1)
        #expect(FallbackStep.authoritiesAnswered("down.test.", in: Self.run([answer])))
        #expect(!FallbackStep.authoritiesAnswered("down.test.", in: Self.run([otherZone])))
    }
}
