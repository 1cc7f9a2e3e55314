import Foundation
import DNSCore
@testable import Probe
import Testing

/// The gate's memory of silent addresses, without a network: what makes a dead server
/// cost one timeout however many questions wait for it.
@Suite struct QueryGateTests {
    let server = try! ServerAddress(parsing: "192.0.2.53")
    let soa = QueryKind(transport: .udp, message: Message.query("example.org.", .soa))

    @Test func questionsOfAnUnprovenKindWaitForTheFirstAndFailWhenItTimesOut() async throws {
        let gate = QueryGate(global: 64, perServer: 16)
        #expect(await gate.acquire(server, kind: soa) == nil, "the first question goes")
        let waiting = Task { await gate.acquire(server, kind: soa) }
        try await Task.sleep(for: .milliseconds(50))
        gate.release(server, kind: soa, result: .timedOut("timeout after 2 attempts"))
        #expect(await waiting.value == "timeout after 2 attempts")
        // Later questions of the kind fail at once; other kinds are still asked.
        #expect(await gate.acquire(server, kind: soa) == "timeout after 2 attempts")
        let plain = QueryKind(transport: .udp, message: Message.query("example.org.", .soa, edns: nil))
        #expect(await gate.acquire(server, kind: plain) == nil)
    }

    @Test func anAnswerLetsTheWaitingQuestionsGo() async throws {
        let gate = QueryGate(global: 64, perServer: 16)
        #expect(await gate.acquire(server, kind: soa) == nil)
        let waiting = (0..<3).map { _ in Task { await gate.acquire(server, kind: soa) } }
        try await Task.sleep(for: .milliseconds(50))
        gate.release(server, kind: soa, result: .answered)
        for task in waiting { #expect(await task.value == nil) }
        // Once answered, a later timeout does not make the address silent.
        gate.release(server, kind: soa, result: .timedOut("one lost"))
        #expect(await gate.acquire(server, kind: soa) == nil)
    }

    @Test func aQuestionWithoutVerdictHandsTheTurnOn() async throws {
        let gate = QueryGate(global: 64, perServer: 16)
        #expect(await gate.acquire(server, kind: soa) == nil)
        let next = Task { await gate.acquire(server, kind: soa) }
        try await Task.sleep(for: .milliseconds(50))
        gate.release(server, kind: soa, result: .other)
        #expect(await next.value == nil, "asked instead")
    }

    @Test func kindsTellEDNSVariantsApart() {
        let v1 = QueryKind(transport: .udp, message: Message.query("example.org.", .soa, edns: EDNS(udpPayloadSize: 1232, version: 1)))
        let tcp = QueryKind(transport: .tcp, message: Message.query("example.org.", .soa))
        let dnssec = QueryKind(transport: .udp, message: Message.query("example.org.", .soa, edns: EDNS(udpPayloadSize: 1232, dnssecOK: true)))
        #expect(Set([soa, v1, tcp]).count == 3)
        #expect(dnssec == soa, "DO=1 is plain EDNS")
    }
}

@Suite struct DefaultSetTests {
    @Test func theDefaultSetOfASignedZone() {
        let records = DefaultCritical.records(of: "example.org.", signed: true)
        #expect(records.map { "\($0.name) \($0.type)" } == [
            "example.org. SOA", "example.org. NS", "example.org. MX", "example.org. A", "example.org. AAAA",
            "example.org. TXT", "example.org. DNSKEY", "www.example.org. A", "www.example.org. AAAA",
        ])
        #expect(records.allSatisfy { $0.policy == .exact })
        #expect(!DefaultCritical.records(of: "example.org.", signed: false).contains { $0.type == .dnskey })
    }

    @Test(arguments: [
        (UInt32(2_024_050_101), 31.0),     // 2024-05-01, a month before 2024-06-01
        (UInt32(2_024_060_102), 0.0),
    ])
    func dateShapedSerialsHaveAnAge(serial: UInt32, days: Double) throws {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (2024, 6, 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = try #require(calendar.date(from: parts))
        #expect(SerialAge.seconds(SOASerial(serial), now: now) == days * 86_400)
    }

    @Test(arguments: [UInt32(1), 2_024_130_101, 2_023_023_001, 4_000_000_000])
    func otherSerialsHaveNone(serial: UInt32) {
        #expect(SerialAge.seconds(SOASerial(serial), now: Date()) == nil)
    }
}
