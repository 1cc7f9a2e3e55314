@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Synchronization
import Testing
import Platform
import Model

/// Snapshots of the lab's zones, taken from the real servers and checked by the servers'
/// own zone checkers.
@Suite(.serialized, .lab) struct SnapshotLabTests {
    let harness: BackupHarness
    var store: SnapshotStore { harness.store }
    var snapshotter: Snapshotter { harness.snapshotter }

    init() throws {
        harness = try BackupHarness(rootHints: try Lab.rootHints(), axfrTimeout: .seconds(30))
    }

    @Test func healthyZoneByAXFRLoadsInTheServersCheckers() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        #expect(result.promoted)
        #expect(result.manifest.method == .axfr)
        #expect(result.manifest.serial == 2026112401)
        #expect(result.manifest.sha256 == (try SHA256Digest.file(result.path)))
        #expect(try store.latest(of: "healthy.test.")?.file == result.manifest.file)
        let named = try await Subprocess.run("/usr/bin/named-checkzone", ["healthy.test", result.path])
        #expect(named.status == 0, "\(named.standardOutput)")
        let nsd = try await Subprocess.run("/usr/sbin/nsd-checkzone", ["healthy.test", result.path])
        #expect(nsd.status == 0, "\(nsd.standardOutput)\(nsd.standardError)")
        // The file is the canonical text of the zone as its authority serves it.
        let served = Mutex<[ResourceRecord]>([])
        _ = try await AXFRClient().transfer(zone: "healthy.test.", from: Lab.authB) { records in served.withLock { $0 += records } }
        #expect(try String(contentsOfFile: result.path, encoding: .utf8) == ZoneFileWriter.canonicalText(served.withLock { $0 }))
    }

    @Test func signedZoneIsVerifiedAndUsableUntilItsFirstExpiry() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "signed.test."))
        #expect(result.promoted, "\(result.manifest.verification.problems)")
        #expect(result.manifest.signed)
        #expect(result.manifest.verification.dnssec == "valid")
        let until = try #require(result.manifest.usableUntil)
        #expect(until > Date().addingTimeInterval(20 * 86_400) && until < Date().addingTimeInterval(31 * 86_400))
        #expect(result.manifest.delegationSigner?.isEmpty == false)
    }

    @Test func expiredZoneIsRefusedAndLatestNeverPointsAtIt() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "expired.test."))
        #expect(!result.promoted)
        #expect(result.manifest.verification.problems.contains { $0.contains("expired") })
        #expect(try store.latest(of: "expired.test.") == nil)
    }

    @Test func refusedTransferFallsBackToHarvest() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "noaxfr.test.", critical: [("www.noaxfr.test.", .a)]))
        #expect(result.promoted, "\(result.manifest.verification.problems)")
        #expect(result.manifest.method == .harvest)
        #expect(result.attempts.count == 2)
        let records = try ZoneFileReader.readAll(path: result.path)
        #expect(records.contains { $0.owner == "www.noaxfr.test." && $0.type == .a })
        #expect(records.contains { $0.type == .soa } && records.contains { $0.type == .ns })
        let nsd = try await Subprocess.run("/usr/sbin/nsd-checkzone", ["noaxfr.test", result.path])
        #expect(nsd.status == 0, "\(nsd.standardOutput)\(nsd.standardError)")
    }

    @Test func largeZoneStreamsThroughTheExternalSort() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "large.test."))
        #expect(result.promoted)
        #expect(result.manifest.recordCount >= 200_000)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: "large.test."))
        #expect(!names.contains { $0.hasPrefix(".chunk-") || $0.hasPrefix(".tmp-") })
    }

    @Test func aCopyThatLostRecordsIsRefused() async throws {
        let first = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        // Make the last good copy look bigger, as if the new transfer had been truncated.
        var text = try String(contentsOfFile: first.path, encoding: .utf8)
        for index in 0..<50 { text += "gone\(index).healthy.test.\t300\tIN\tA\t192.0.2.\(index)\n" }
        try text.write(toFile: first.path, atomically: true, encoding: .utf8)
        let second = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        #expect(!second.promoted)
        #expect(second.manifest.verification.problems.contains { $0.contains("gone since the last good snapshot") })
        #expect(try store.latest(of: "healthy.test.")?.file == first.manifest.file)
    }

    @Test func anOlderSerialIsRefused() async throws {
        let first = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        var manifest = first.manifest
        manifest.serial = 2026112499
        try DurableFile.write(Array(try SnapshotManifest.encoder.encode(manifest)), to: store.manifestPath(forZoneFile: first.path))
        let second = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        #expect(!second.promoted)
        #expect(second.manifest.verification.problems.contains { $0.contains("older than the last good") })
    }

    @Test func retentionKeepsTheNewestGood() async throws {
        var files: [String] = []
        for _ in 0..<4 {
            let result = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test.", retention: RetentionPolicy(keepLast: 2)))
            files.append(result.manifest.file)
            try await Task.sleep(for: .milliseconds(1100))  // distinct second-resolution names
        }
        let left = try store.snapshots(of: "healthy.test.").map(\.file)
        #expect(left == Array(files.suffix(2)))
        #expect(try store.latest(of: "healthy.test.")?.file == files.last)
    }

    @Test func tamperingIsCaughtByTheAudit() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "healthy.test."))
        #expect(SnapshotAudit.audit(result.manifest, in: store, zone: "healthy.test.", isLatest: true).status == .servable)
        var text = try String(contentsOfFile: result.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "192.0.2.10", with: "192.0.2.66")
        try text.write(toFile: result.path, atomically: true, encoding: .utf8)
        let audit = SnapshotAudit.audit(result.manifest, in: store, zone: "healthy.test.", isLatest: true)
        #expect(audit.status == .failed)
        #expect(audit.problems.contains { $0.contains("SHA-256") })
    }

    @Test func signedCopyExpiresInTheAudit() async throws {
        let result = try await snapshotter.snapshot(SnapshotRequest(zone: "signed.test."))
        let until = try #require(result.manifest.usableUntil)
        let store = self.store
        #expect(SnapshotAudit.audit(result.manifest, in: store, zone: "signed.test.", isLatest: true).status == .servable)
        #expect(SnapshotAudit.audit(result.manifest, in: store, zone: "signed.test.", isLatest: true,
                                    now: until.addingTimeInterval(-86_400)).status == .expiring)
        #expect(SnapshotAudit.audit(result.manifest, in: store, zone: "signed.test.", isLatest: true,
                                    now: until.addingTimeInterval(60)).status == .expired)
    }
}

/// Transfers that need a TSIG key (a real NSD with `provide-xfr ... transfer.key`).
@Suite(.serialized) struct KeyedSnapshotTests {
    @Test func keyedTransferBecomesTheSnapshot() async throws {
        let secret = "K2tf3TRjvQkVCmJF3/Z9vA=="
        try await withKeyedNSD(secret: secret) { server in
            let directory = try TemporaryDirectory()
            let client = DNSClient(options: QueryOptions(timeout: .seconds(1), udpRetries: 0))
            let dead = RootHints(servers: [NameServer(name: "none.", addresses: [try ServerAddress(host: "127.61.0.9")])])
            let snapshotter = Snapshotter(store: SnapshotStore(root: directory.path), client: client,
                                          walker: DelegationWalker(client: client, rootHints: dead))
            let servers = [NameServer(name: "ns1.keyed.test.", addresses: [server])]
            let keyed = try await snapshotter.snapshot(SnapshotRequest(
                zone: "keyed.test.", servers: servers, allowHarvest: false,
                tsig: try TSIGKey(parsing: "hmac-sha256:transfer.key:\(secret)"), requireChainOfTrust: false))
            #expect(keyed.promoted && keyed.manifest.method == .axfr && keyed.manifest.recordCount == 3003)
            // Without the key the server refuses, and with harvest off nothing replaces the copy.
            await #expect(throws: DNSCoreError.self) {
                try await snapshotter.snapshot(SnapshotRequest(zone: "keyed.test.", servers: servers, allowHarvest: false,
                                                               requireChainOfTrust: false))
            }
            #expect(try SnapshotStore(root: directory.path).latest(of: "keyed.test.")?.file == keyed.manifest.file)
        }
    }
}

/// The root zone and a TLD are first-class backup targets.
extension SnapshotLabTests {
    @Test func rootAndTLDByAXFR() async throws {
        let root = try await snapshotter.snapshot(SnapshotRequest(zone: .root))
        #expect(root.promoted, "\(root.manifest.verification.problems)")
        #expect(root.manifest.signed && root.manifest.verification.dnssec == "valid")
        #expect(FileManager.default.fileExists(atPath: store.root + "/root./latest"))
        let records = try ZoneFileReader.readAll(path: root.path)
        #expect(records.contains { $0.owner == "test." && $0.type == .ds })
        let tld = try await snapshotter.snapshot(SnapshotRequest(zone: "test."))
        #expect(tld.promoted, "\(tld.manifest.verification.problems)")
        #expect(tld.manifest.delegationSigner?.isEmpty == false)
    }

    /// Harvesting TLD delegation data from the root: NS and glue from the referral, DS as
    /// an authoritative answer.
    @Test func harvestTakesDelegationDataFromReferrals() async throws {
        let client = DNSClient(options: QueryOptions(timeout: .seconds(1), udpRetries: 0))
        let root = NameServer(name: "a.root-servers.test.", addresses: [Lab.rootA])
        let harvested = try await Harvester(client: client).harvest(zone: .root, critical: [("test.", .ns), ("test.", .ds)], from: [root])
        let records = harvested.records
        #expect(records.contains { $0.owner == "test." && $0.type == .ns && $0.target == "ns1.nic.test." })
        #expect(records.contains { $0.owner == "ns1.nic.test." && $0.type == .a && $0.address == "127.53.1.1" })
        #expect(records.contains { $0.owner == "test." && $0.type == .ds })
        #expect(records.contains { $0.owner == "test." && $0.rrsig?.typeCovered == .ds })
    }
}
