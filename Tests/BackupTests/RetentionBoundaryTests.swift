@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform
import Model

/// Retention removes only the store's own files in the zone's own directory (issue 7,
/// item 4): a manifest is read, never followed.
@Suite(.serialized) struct RetentionBoundaryTests {
    static let zone: DomainName = "kept.test."

    @Test(arguments: ["../../../victim.txt", "/tmp/../VICTIM", "sub/20200101T000000Z-1.zone", "..", "20200101T000000Z-1.zone.bak"])
    func aManifestNamingAFileOutsideIsIgnored(file: String) async throws {
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 1, hosts: 20))
        try await withZoneServer(setup) { server in
            // The store sits three levels down, so ../../../ is the test's own directory.
            let harness = try BackupHarness(storeBelow: "a/zones")
            let victim = harness.directory.path + "/victim.txt"
            try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
            #expect(try await harness.snapshot(Self.zone, from: [server.server]).promoted)

            let directory = harness.store.directory(for: Self.zone)
            var manifest = try #require(try harness.store.latest(of: Self.zone))
            manifest.file = file.replacingOccurrences(of: "VICTIM", with: String(victim.dropFirst()))
            manifest.finished = Date(timeIntervalSince1970: 0)
            try DurableFile.write(Array(try SnapshotManifest.encoder.encode(manifest)), to: directory + "/20200101T000000Z-1.json")

            for _ in 0..<2 {
                let result = try await harness.snapshot(Self.zone, from: [server.server], retention: RetentionPolicy(keepLast: 1))
                #expect(result.promoted)
                #expect(result.warnings.contains { $0.contains("20200101T000000Z-1.json") && $0.contains("never read or removed") },
                        "\(result.warnings)")
            }
            #expect(FileManager.default.fileExists(atPath: victim), "retention followed a manifest out of the store")
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        }
    }

    /// A manifest whose `file` names another snapshot of the zone makes retention remove
    /// neither that copy (still within the policy) nor the odd manifest itself.
    @Test func aManifestNamingAnotherSnapshotDoesNotRemoveIt() async throws {
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 1, hosts: 20))
        try await withZoneServer(setup) { server in
            let harness = try BackupHarness()
            let policy = RetentionPolicy(keepLast: 3)
            let kept = try await harness.snapshot(Self.zone, from: [server.server], retention: policy)
            let directory = harness.store.directory(for: Self.zone)
            try DurableFile.write(Array(try SnapshotManifest.encoder.encode(kept.manifest)), to: directory + "/20000101T000000Z-1.json")
            for _ in 0..<2 {
                #expect(try await harness.snapshot(Self.zone, from: [server.server], retention: policy).promoted)
            }
            #expect(FileManager.default.fileExists(atPath: kept.path))
            #expect(FileManager.default.fileExists(atPath: harness.store.manifestPath(forZoneFile: kept.path)))
            #expect(FileManager.default.fileExists(atPath: directory + "/20000101T000000Z-1.json"))
        }
    }
}
