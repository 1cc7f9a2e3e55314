import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// Transfers no real server sends on purpose, from a scripted TCP server on loopback.
@Suite(.serialized) struct AXFRScriptedTests {
    static let zone: DomainName = "scripted.test."

    /// Opening SOA `opening`, 200 hosts over two messages, closing SOA `closing`.
    static func twoMessages(opening: UInt32, closing: UInt32) -> ScriptedAXFRServer.Script {
        { query, connection in
            let records = try ScriptedAXFRServer.zone(zone, serial: opening, hosts: 200)
            let closingSOA = try ScriptedAXFRServer.zone(zone, serial: closing, hosts: 0)[0]
            try connection.send(ScriptedAXFRServer.answer(query, Array(records[..<100])))
            try connection.send(ScriptedAXFRServer.answer(query, Array(records[100...]) + [closingSOA]))
        }
    }

    @Test func matchingClosingSOACompletesTheTransfer() async throws {
        try await withScriptedAXFRServer(script: Self.twoMessages(opening: 7, closing: 7)) { server in
            let summary = try await AXFRClient(timeout: .seconds(2)).transfer(zone: Self.zone, from: server)
            #expect(summary.complete && summary.recordCount == 203 && summary.messages == 2)
        }
    }

    /// RFC 5936 §2.2: the closing SOA is the zone's SOA again; another serial means the
    /// zone changed mid-transfer (or the server is broken): not a complete copy.
    @Test func closingSOAWithAnotherSerialIsRefused() async throws {
        try await withScriptedAXFRServer(script: Self.twoMessages(opening: 7, closing: 8)) { server in
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient(timeout: .seconds(2)).transfer(zone: Self.zone, from: server)
            }
            #expect(error?.code == .transfer)
            #expect(error?.reason.contains("the closing SOA has serial 8, the opening one 7: the zone changed during the transfer") == true,
                    "\(String(describing: error))")
        }
    }

    /// Sends the SOA, then one record every `interval`, `count` times, never closing.
    static func trickle(every interval: Duration, count: Int) -> ScriptedAXFRServer.Script {
        { query, connection in
            let records = try ScriptedAXFRServer.zone(zone, serial: 1, hosts: count)
            try connection.send(ScriptedAXFRServer.answer(query, Array(records[..<3])))
            for record in records[3...] {
                Thread.sleep(forTimeInterval: interval.seconds)
                try connection.send(ScriptedAXFRServer.answer(query, [record]))
            }
        }
    }

    /// One record every 0.2 s with a 30 s per-read timeout: only the whole-transfer bound
    /// stops it (left alone it takes 20 s).
    @Test func aTricklingServerIsStoppedAtTheTimeLimit() async throws {
        try await withScriptedAXFRServer(script: Self.trickle(every: .milliseconds(200), count: 100)) { server in
            let limits = TransferLimits(maxRecords: 1_000_000, maxBytes: 1 << 30, maxDuration: .seconds(1), basis: "test")
            let started = ContinuousClock.now
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient(timeout: .seconds(30), limits: limits).transfer(zone: Self.zone, from: server)
            }
            let elapsed = ContinuousClock.now - started
            #expect(error?.code == .transferLimit)
            #expect(error?.reason.contains("transfer stopped after") == true && error?.reason.contains("limit 1.0 s (test)") == true,
                    "\(String(describing: error))")
            #expect(elapsed < .seconds(15), "stopped after \(elapsed)")
        }
    }

    /// Messages of 100 records, `count` of them, never closing: an endless transfer, bounded
    /// only so the test itself ends.
    static func endless(messages count: Int) -> ScriptedAXFRServer.Script {
        { query, connection in
            let soa = try ScriptedAXFRServer.zone(zone, serial: 1, hosts: 0)[0]
            try connection.send(ScriptedAXFRServer.answer(query, [soa]))
            var batch: [ResourceRecord] = []
            for index in 0..<count {
                batch.removeAll(keepingCapacity: true)
                for host in 0..<100 {
                    batch.append(ResourceRecord(owner: try DomainName("h\(host).m\(index).\(zone)"), type: .a, ttl: 60, rdata: [192, 0, 2, 1]))
                }
                try connection.send(ScriptedAXFRServer.answer(query, batch))
            }
        }
    }

    @Test func anEndlessTransferIsStoppedAtTheRecordLimit() async throws {
        try await withScriptedAXFRServer(script: Self.endless(messages: 100_000)) { server in
            let limits = TransferLimits(maxRecords: 5_000, maxBytes: 1 << 30, maxDuration: .seconds(60), basis: "test")
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient(timeout: .seconds(5), limits: limits).transfer(zone: Self.zone, from: server)
            }
            #expect(error?.code == .transferLimit)
            #expect(error?.reason.contains("transfer stopped after 5001 records") == true
                    && error?.reason.contains("limit 5000 records (test)") == true, "\(String(describing: error))")
        }
    }

    @Test func anEndlessTransferIsStoppedAtTheByteLimit() async throws {
        try await withScriptedAXFRServer(script: Self.endless(messages: 100_000)) { server in
            let limits = TransferLimits(maxRecords: 10_000_000, maxBytes: 200_000, maxDuration: .seconds(60), basis: "test")
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient(timeout: .seconds(5), limits: limits).transfer(zone: Self.zone, from: server)
            }
            #expect(error?.code == .transferLimit)
            #expect(error?.reason.contains("limit 200000 bytes (test)") == true, "\(String(describing: error))")
        }
    }

    /// A read timeout no poll(2) can wait is clamped to the longest it can, not multiplied
    /// into an overflow: the transfer runs as with any other timeout.
    @Test func anAbsurdReadTimeoutStillTransfers() async throws {
        try await withScriptedAXFRServer(script: Self.twoMessages(opening: 7, closing: 7)) { server in
            let summary = try await AXFRClient(timeout: .seconds(Int64.max)).transfer(zone: Self.zone, from: server)
            #expect(summary.complete && summary.recordCount == 203 && summary.messages == 2)
        }
    }

    /// An absurd whole-transfer limit leaves the per-read timeout in charge: a server that
    /// goes quiet for 1.5 s is a read timeout (0.3 s), not the cut-off transfer its next
    /// record and close would make.
    @Test func anAbsurdTimeLimitLeavesTheReadTimeoutInCharge() async throws {
        try await withScriptedAXFRServer(script: Self.trickle(every: .milliseconds(1500), count: 1)) { server in
            let limits = TransferLimits(maxRecords: 1_000, maxBytes: 1 << 20, maxDuration: .seconds(Int64.max), basis: "test")
            let error = await #expect(throws: TransportError.self) {
                try await AXFRClient(timeout: .milliseconds(300), limits: limits).transfer(zone: Self.zone, from: server)
            }
            #expect(error?.code == .timeout, "\(String(describing: error))")
        }
    }
}
