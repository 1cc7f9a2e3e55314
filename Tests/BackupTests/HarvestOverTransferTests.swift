@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Model

/// A harvest never silently takes the place of a full transfer (issue 7, item 2): an ACL
/// change makes the servers refuse AXFR of a zone with a full copy of 20,000 records.
@Suite(.serialized) struct HarvestOverTransferTests {
    static let zone: DomainName = "big.test."
    static let records = 20_000

    static func full(serial: UInt32 = 2026120101, hosts: Int = records) -> ZoneServer.Setup {
        ZoneServer.Setup(zone: zone, text: ZoneServer.zoneText(zone, serial: serial, hosts: hosts))
    }

    static func refusing(serial: UInt32 = 2026120101) -> ZoneServer.Setup {
        ZoneServer.Setup(zone: zone, text: ZoneServer.zoneText(zone, serial: serial, hosts: records), provideXFR: [])
    }

    @Test func anACLChangeDoesNotReplaceTheFullCopy() async throws {
        try await withZoneServer(Self.full()) { server in
            let harness = try BackupHarness()
            let full = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(full.promoted && full.manifest.method == .axfr && full.manifest.recordCount > Self.records)

            try await server.restart(with: Self.refusing())
            let harvest = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(harvest.manifest.method == .harvest)
            #expect(!harvest.promoted, "a 20,000-record backup must not become \(harvest.manifest.recordCount) records")
            #expect(harvest.manifest.verification.problems.contains { $0.contains("may not replace the full copy") })
            #expect(harvest.partialReason?.contains("refused") == true)
            #expect(try harness.store.latest(of: Self.zone)?.file == full.manifest.file)
        }
    }

    /// Asked for explicitly, the harvest becomes latest; retention keeps the full copy
    /// however many harvests follow, `verify` says the latest is partial, and a transfer
    /// afterwards is still measured against the full copy, not against the harvest.
    @Test func anAllowedHarvestKeepsTheFullCopy() async throws {
        try await withZoneServer(Self.full()) { server in
            let harness = try BackupHarness()
            let full = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(full.promoted)

            try await server.restart(with: Self.refusing())
            for round in 0..<3 {
                let harvest = try await harness.snapshot(Self.zone, from: [server.server], allowHarvestOverAXFR: round == 0,
                                                         retention: RetentionPolicy(keepLast: 1))
                #expect(harvest.promoted, "\(harvest.manifest.verification.problems)")
                let note = round == 0 ? "replaces the full copy \(full.manifest.id)" : "the full copy \(full.manifest.id)"
                #expect(harvest.manifest.verification.notes.contains { $0.contains(note) }, "\(harvest.manifest.verification.notes)")
            }
            let files = try harness.store.snapshots(of: Self.zone)
            #expect(files.contains { $0.file == full.manifest.file }, "retention deleted the newest full copy")
            #expect(FileManager.default.fileExists(atPath: harness.store.zonePath(full.manifest, zone: Self.zone)))

            let verified = try StoreVerification(store: harness.store).run(zones: [Self.zone])
            let latest = try #require(verified.audits.first { $0.isLatest })
            #expect(latest.partial && latest.replacedFullCopy)
            #expect(latest.notes.contains { $0.contains(full.manifest.id) })
            #expect(verified.exitStatus == 1)

            // The servers transfer again, but a hijacked copy with 10 records: it is compared
            // with the full copy (and refused), not with the nine-record harvest.
            try await server.restart(with: Self.full(hosts: 10))
            let forged = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(!forged.promoted)
            #expect(forged.manifest.verification.problems.contains { $0.contains(full.manifest.id) && $0.contains("gone") })
            // The real zone comes back: a full transfer replaces the harvest.
            try await server.restart(with: Self.full())
            let back = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(back.promoted && back.manifest.method == .axfr)
        }
    }

    /// A transfer that fails without a refusal (here: the server's TCP stays silent) does
    /// not read "AXFR refused"; the partial copy says what happened.
    @Test func aTimedOutTransferIsNotCalledARefusal() async throws {
        let silent = try SilentTCPListener(host: "127.61.0.3")
        defer { silent.close() }
        let setup = ZoneServer.Setup(zone: "small.test.", text: ZoneServer.zoneText("small.test.", serial: 1, hosts: 5), provideXFR: [])
        try await withZoneServer(setup) { server in
            let harness = try BackupHarness(axfrTimeout: .seconds(1))
            let servers = [NameServer(name: "ns0.small.test.", addresses: [silent.address]), server.server]
            let result = try await harness.snapshot("small.test.", from: servers)
            #expect(result.manifest.method == .harvest && result.promoted)
            let reason = try #require(result.partialReason)
            #expect(reason.contains("timeout") && reason.contains("REFUSED"), "\(reason)")
            #expect(!reason.contains("refused by every server"), "\(reason)")
        }
    }

    /// A transfer that begins and breaks off (no closing SOA) is a fault: no harvest
    /// stands in, though the server would answer one, and the failure says what happened.
    @Test func aTransferThatBreaksOffIsNotHarvested() async throws {
        let soa = "cut.test. 300 IN SOA ns1.cut.test. hostmaster.cut.test. 1 3600 900 604800 60"
        let ns = "cut.test. 300 IN NS ns1.cut.test."
        var entries = ScriptedServer.entry("cut.test.", "AXFR", [soa, ns, "h1.cut.test. 300 IN A 192.0.2.1"])
        entries += ScriptedServer.entry("cut.test.", "SOA", [soa]) + ScriptedServer.entry("cut.test.", "NS", [ns])
        entries += ScriptedServer.entry("www.cut.test.", "A", ["www.cut.test. 300 IN A 192.0.2.10"])
        entries += ScriptedServer.entry("ns1.cut.test.", "A", ["ns1.cut.test. 300 IN A 192.0.2.1"])
        for type in ["DNSKEY", "MX", "TXT"] { entries += ScriptedServer.entry("cut.test.", type) }
        entries += ScriptedServer.entry("ns1.cut.test.", "AAAA")
        let server = try await ScriptedServer.start(entries, ready: "cut.test.")
        do {
            let harness = try BackupHarness()
            let servers = [NameServer(name: "ns1.cut.test.", addresses: [server.address])]
            // The same server does give a harvest when asked for one.
            let harvested = try await Harvester(client: DNSClient(options: QueryOptions(timeout: .seconds(1), udpRetries: 0)))
                .harvest(zone: "cut.test.", critical: [("www.cut.test.", .a)], from: servers)
            #expect(harvested.records.contains { $0.owner == "www.cut.test." })

            let error = await #expect(throws: DNSCoreError.self) { try await harness.snapshot("cut.test.", from: servers) }
            #expect(error?.code == .transfer)
            #expect(error?.reason.contains("transfer cut off") == true && error?.reason.contains("not harvested") == true,
                    "\(String(describing: error))")
            #expect(try harness.store.snapshots(of: "cut.test.").isEmpty)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
