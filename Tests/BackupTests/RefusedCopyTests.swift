@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Model

/// A refused copy never takes a name a good one holds (issue 7, item 1).
@Suite(.serialized) struct RefusedCopyTests {
    static let zone: DomainName = "hijack.test."

    /// A hijacked server answers with the right serial but most records gone, in the same
    /// second as the good run: `latest`, its zone file and its manifest stay byte for byte.
    @Test func aRefusedCopyInTheSameSecondLeavesLatestUntouched() async throws {
        let good = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 1000))
        let forged = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 10))
        try await withZoneServer(host: "127.61.0.1", good) { goodServer in
            try await withZoneServer(host: "127.61.0.2", forged) { forgedServer in
                var harness = try BackupHarness()
                // Both runs start in the same second (the store names copies by the second),
                // however busy the machine: the snapshotter's clock stands still.
                let second = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
                harness.snapshotter.clock = { second }
                let first = try await harness.snapshot(Self.zone, from: [goodServer.server])
                #expect(first.promoted, "\(first.manifest.verification.problems)")
                let directory = harness.store.directory(for: Self.zone)
                let latestTarget = SnapshotStore.linkTarget(directory + "/latest")
                let zoneBytes = BackupHarness.bytes(first.path)
                let manifestBytes = BackupHarness.bytes(harness.store.manifestPath(forZoneFile: first.path))

                let refused = try await harness.snapshot(Self.zone, from: [forgedServer.server])
                #expect(!refused.promoted)
                #expect(refused.manifest.verification.problems.contains { $0.contains("gone since the last good snapshot") })
                #expect(SnapshotStore.timeText(first.manifest.started) == SnapshotStore.timeText(refused.manifest.started))

                #expect(SnapshotStore.linkTarget(directory + "/latest") == latestTarget)
                #expect(BackupHarness.bytes(first.path) == zoneBytes)
                #expect(BackupHarness.bytes(harness.store.manifestPath(forZoneFile: first.path)) == manifestBytes)
                #expect(try harness.store.latest(of: Self.zone)?.verification.passed == true)
                // The refused copy is kept apart, for inspection.
                #expect(refused.path.hasPrefix(directory + "/refused/"), "\(refused.path)")
                #expect(FileManager.default.fileExists(atPath: refused.path))
                #expect(try harness.store.snapshots(of: Self.zone).allSatisfy(\.verification.passed))
            }
        }
    }

    @Test func refusedCopiesHaveARetentionOfTheirOwn() async throws {
        let good = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 200))
        let forged = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 2))
        try await withZoneServer(good) { server in
            let harness = try BackupHarness()
            #expect(try await harness.snapshot(Self.zone, from: [server.server]).promoted)
            try await server.restart(with: forged)
            for _ in 0..<4 {
                let refused = try await harness.snapshot(Self.zone, from: [server.server],
                                                         retention: RetentionPolicy(keepLast: 10, keepRefused: 2))
                #expect(!refused.promoted)
            }
            let kept = try harness.store.listing(of: Self.zone, in: harness.store.refusedDirectory(for: Self.zone)).entries
            #expect(kept.count == 2)
            // Same second, same serial: the names count up instead of replacing each other.
            #expect(Set(kept.map(\.name)).count == 2)
        }
    }
}
