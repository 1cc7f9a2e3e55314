@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Synchronization
import Testing
import Model

/// Snapshots from servers that hand over what a careless or hostile source would: names
/// that need escaping, a forgery with no parent to check it against, a zone that changes
/// mid-transfer, transfers that trickle or never end.
@Suite(.serialized) struct HostileSourceTests {
    /// Walks from a root that does not answer: the parent's DS can never be fetched.
    let harness: BackupHarness
    var store: SnapshotStore { harness.store }
    var snapshotter: Snapshotter { harness.snapshotter }

    init() throws {
        harness = try BackupHarness(rootHints: try BackupHarness.deadRoot("127.61.0.9"), queryTimeout: .milliseconds(500))
    }

    /// Hidden files in the zone's directory; a failed first snapshot leaves no directory at all.
    func leftovers(_ zone: DomainName) throws -> [String] {
        let directory = store.directory(for: zone)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
    }

    /// No `latest`, and no temporary file or sort chunk left behind.
    func expectNothingKept(_ zone: DomainName) throws {
        #expect(try store.latest(of: zone) == nil)
        #expect(try leftovers(zone).isEmpty)
    }

    // MARK: item 6: names that need escaping

    /// A real NSD serves the zone full of hostile names; the snapshot of its AXFR loads in
    /// all four servers' checkers, re-verifies, and reads back as exactly what NSD served.
    @Test func hostileNamesSnapshotLoadsInEveryServerAndReadsBackAsServed() async throws {
        let text = try String(contentsOfFile: Fixtures.path("odd.test.zone"), encoding: .utf8)
        try await withZoneNSD(zone: "odd.test.", zoneFile: text) { server in
            let result = try await snapshotter.snapshot(SnapshotRequest(
                zone: "odd.test.", servers: [NameServer(name: "ns1.odd.test.", addresses: [server])], allowHarvest: false,
                requireChainOfTrust: false))
            #expect(result.promoted, "\(result.manifest.verification.problems)")
            #expect(result.manifest.recordCount == 41)
            let verdicts = try await ZoneCheckers.checkAll(zone: "odd.test.", path: result.path)
            #expect(verdicts.map(\.checker) == ["named-checkzone", "nsd-checkzone", "kzonecheck", "unbound"])
            for verdict in verdicts {
                #expect(verdict.passed, "\(verdict)")
            }
            let served = Mutex<[ResourceRecord]>([])
            _ = try await AXFRClient().transfer(zone: "odd.test.", from: server) { records in served.withLock { $0 += records } }
            let expected = Set(served.withLock { $0 }.map(\.canonical))
            #expect(expected.contains { $0.type == .ptr && $0.target == (try? DomainName("\\@.odd.test.")) })
            #expect(Set(try ZoneFileReader.readAll(path: result.path)) == expected)
            let audit = SnapshotAudit.audit(result.manifest, in: store, zone: "odd.test.", isLatest: true)
            #expect(audit.status == .servable, "\(audit.problems)")
        }
    }

    // MARK: item 7: a forgery whose parent cannot be asked

    /// signed.test. as a hijacker serves it: no signatures at all, one address changed.
    static let forgery = """
        $ORIGIN signed.test.
        $TTL 300
        @       IN SOA  ns1.signed.test. hostmaster.signed.test. 2026112401 3600 900 604800 60
        @       IN NS   ns1
        @       IN NS   ns2
        ns1     IN A    127.53.2.1
        ns2     IN A    127.53.2.2
        www     IN A    198.51.100.66

        """

    @Test func unsignedForgeryIsRefusedWhenTheParentDSCannotBeFetched() async throws {
        try await withZoneNSD(zone: "signed.test.", zoneFile: Self.forgery) { server in
            let servers = [NameServer(name: "ns1.signed.test.", addresses: [server])]
            let result = try await snapshotter.snapshot(SnapshotRequest(zone: "signed.test.", servers: servers, allowHarvest: false))
            #expect(!result.promoted)
            #expect(result.manifest.chainChecked == false)
            #expect(result.manifest.verification.problems.contains {
                $0.contains("the parent's DS for signed.test. could not be fetched") && $0.contains("chain of trust is not checked")
            }, "\(result.manifest.verification.problems)")
            #expect(try store.latest(of: "signed.test.") == nil)
        }
    }

    @Test func keptOnRequestTheForgeryIsMarkedChainNotChecked() async throws {
        try await withZoneNSD(zone: "signed.test.", zoneFile: Self.forgery) { server in
            let servers = [NameServer(name: "ns1.signed.test.", addresses: [server])]
            let result = try await snapshotter.snapshot(SnapshotRequest(
                zone: "signed.test.", servers: servers, allowHarvest: false, requireChainOfTrust: false))
            #expect(result.promoted)
            #expect(result.manifest.chainChecked == false)
            #expect(result.manifest.verification.notes.contains { $0.hasPrefix("chain not checked: the parent's DS") })
            let onDisk = try #require(try store.latest(of: "signed.test."))
            #expect(onDisk.chainChecked == false)
            #expect(!SnapshotAudit.audit(onDisk, in: store, zone: "signed.test.", isLatest: true).chainChecked)
        }
    }

    // MARK: item 8: the zone changed during the transfer

    @Test func aTransferWhoseClosingSOAChangedIsNotACopy() async throws {
        let zone: DomainName = "changing.test."
        let script: ScriptedAXFRServer.Script = { query, connection in
            let records = try ScriptedAXFRServer.zone(zone, serial: 5, hosts: 50)
            try connection.send(ScriptedAXFRServer.answer(query, records))
            try connection.send(ScriptedAXFRServer.answer(query, [try ScriptedAXFRServer.zone(zone, serial: 6, hosts: 0)[0]]))
        }
        try await withScriptedAXFRServer(script: script) { server in
            let error = await #expect(throws: DNSCoreError.self) {
                try await snapshotter.snapshot(SnapshotRequest(
                    zone: zone, servers: [NameServer(name: "ns1.changing.test.", addresses: [server])], allowHarvest: false,
                    requireChainOfTrust: false))
            }
            #expect(error?.reason.contains("the closing SOA has serial 6, the opening one 5") == true, "\(String(describing: error))")
            try expectNothingKept(zone)
        }
    }

    // MARK: item 9: transfers without end

    /// The first connection gets a good 53-record zone; every later one an endless stream
    /// of 100-record messages (bounded at 20,000 messages so the test ends regardless).
    @Test func afterAGoodCopyAnEndlessTransferStopsAtTheDerivedLimit() async throws {
        let zone: DomainName = "endless.test."
        let connections = Mutex(0)
        let script: ScriptedAXFRServer.Script = { query, connection in
            let number = connections.withLock { count in
                count += 1
                return count
            }
            let records = try ScriptedAXFRServer.zone(zone, serial: UInt32(number), hosts: 50)
            guard number > 1 else {
                try connection.send(ScriptedAXFRServer.answer(query, records + [records[0]]))
                return
            }
            try connection.send(ScriptedAXFRServer.answer(query, records))
            for index in 0..<20_000 {
                let batch = try (0..<100).map { host in
                    ResourceRecord(owner: try DomainName("h\(host).m\(index).\(zone)"), type: .a, ttl: 60, rdata: [192, 0, 2, 1])
                }
                try connection.send(ScriptedAXFRServer.answer(query, batch))
            }
        }
        try await withScriptedAXFRServer(script: script) { server in
            let request = SnapshotRequest(zone: zone, servers: [NameServer(name: "ns1.endless.test.", addresses: [server])],
                                          allowHarvest: false, requireChainOfTrust: false)
            let good = try await snapshotter.snapshot(request)
            #expect(good.promoted && good.manifest.recordCount == 53)
            let error = await #expect(throws: DNSCoreError.self) { try await snapshotter.snapshot(request) }
            let reason = error?.reason ?? ""
            #expect(reason.contains("transfer stopped after ") && reason.contains("limit 10000 records (10 × the last good copy's 53 records"),
                    "\(reason)")
            #expect(connections.withLock { $0 } == 2)
            #expect(try store.latest(of: zone)?.file == good.manifest.file)
            #expect(try leftovers(zone).isEmpty)
        }
    }

    @Test func aTricklingTransferStopsAtItsTimeLimit() async throws {
        let zone: DomainName = "slow.test."
        // Left alone it would take 25 s; the limit must cut it off well before.
        let sent = Mutex(0)
        let script: ScriptedAXFRServer.Script = { query, connection in
            let records = try ScriptedAXFRServer.zone(zone, serial: 1, hosts: 100)
            try connection.send(ScriptedAXFRServer.answer(query, Array(records[..<3])))
            for record in records[3...] {
                Thread.sleep(forTimeInterval: 0.25)
                try connection.send(ScriptedAXFRServer.answer(query, [record]))
                sent.withLock { $0 += 1 }
            }
        }
        try await withScriptedAXFRServer(script: script) { server in
            let started = ContinuousClock.now
            let error = await #expect(throws: DNSCoreError.self) {
                try await snapshotter.snapshot(SnapshotRequest(
                    zone: zone, servers: [NameServer(name: "ns1.slow.test.", addresses: [server])], allowHarvest: false,
                    requireChainOfTrust: false, transferLimits: TransferLimitSettings(maxSeconds: 1.5)))
            }
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(sent.withLock { $0 } < 60, "the server sent its whole zone: the transfer was never stopped")
            #expect(error?.reason.contains("transfer stopped after") == true && error?.reason.contains("limit 1.5 s (set explicitly") == true,
                    "\(String(describing: error))")
            try expectNothingKept(zone)
        }
    }

    @Test func limitsFollowTheLastGoodCopyWithinFloorsAndCaps() {
        let settings = TransferLimitSettings()
        let none = settings.limits(previousRecords: nil, previousBytes: nil, previousSeconds: nil)
        #expect(none.maxRecords == TransferLimits.absolute.maxRecords && none.maxDuration == TransferLimits.absolute.maxDuration)
        let small = settings.limits(previousRecords: 53, previousBytes: 2_000, previousSeconds: 0.01)
        #expect(small.maxRecords == 10_000 && small.maxBytes == 16 << 20 && small.maxDuration == .seconds(60))
        let large = settings.limits(previousRecords: 200_000, previousBytes: 10 << 20, previousSeconds: 30)
        #expect(large.maxRecords == 2_000_000 && large.maxBytes == 100 << 20 && large.maxDuration == .seconds(300))
        let huge = settings.limits(previousRecords: Int.max / 2, previousBytes: Int.max, previousSeconds: 1e9)
        #expect(huge == TransferLimits(maxRecords: TransferLimits.absolute.maxRecords, maxBytes: TransferLimits.absolute.maxBytes,
                                       maxDuration: TransferLimits.absolute.maxDuration, basis: huge.basis))
        let explicit = TransferLimitSettings(maxRecords: 7).limits(previousRecords: 53, previousBytes: nil, previousSeconds: nil)
        #expect(explicit.maxRecords == 7)
    }
}
