import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform
import Model

/// Two `snapshot` runs of one zone at once, one from the real server and one from a
/// hijacked one with the right serial: `latest` always serves the good copy and never
/// carries a failed manifest (issue 7, item 3).
@Suite(.serialized) struct OverlappingSnapshotTests {
    static let zone: DomainName = "overlap.test."

    @Test func overlappingGoodAndRefusedRuns() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let good = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 3000))
        // The hijacked copy has the right serial and other data, and more of it: its run
        // ends after the good one, as in the runs that broke `latest` before.
        let forged = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 2026120101, hosts: 6000, addressBase: 7))
        try await withZoneServer(host: "127.61.0.1", good) { goodServer in
            try await withZoneServer(host: "127.61.0.2", forged) { forgedServer in
                let first = try await world.snapshot(Self.zone, from: goodServer)
                #expect(first.status == 0, "\(first.standardOutput)")
                let directory = world.zoneDirectory(Self.zone)
                let goodHash = try SHA256Digest.file(directory + "/" + (try #require(world.latestTarget(Self.zone))))
                let base = ["snapshot", "--root-hints", world.hints, "--zones-dir", world.zones, "--no-chain-check",
                            "--zone", Self.zone.description]
                for round in 0..<6 {
                    let a = try Subprocess.start(DNSWardBinary.path, base + ["--server", goodServer.address.description])
                    let b = try Subprocess.start(DNSWardBinary.path, base + ["--server", forgedServer.address.description])
                    let (goodRun, forgedRun) = (await a.finished(timeout: .seconds(60)), await b.finished(timeout: .seconds(60)))
                    #expect(goodRun.status == 0, "round \(round): \(goodRun.standardOutput)")
                    #expect(forgedRun.status == 1, "round \(round): \(forgedRun.standardOutput)")
                    let target = try #require(world.latestTarget(Self.zone))
                    #expect(try SHA256Digest.file(directory + "/" + target) == goodHash, "round \(round): latest serves another copy")
                    let manifest = try #require(try SnapshotStore(root: world.zones).latest(of: Self.zone))
                    #expect(manifest.verification.passed && manifest.sha256 == goodHash, "round \(round)")
                    #expect(try SnapshotStore(root: world.zones).snapshots(of: Self.zone).allSatisfy(\.verification.passed),
                            "round \(round): a failed manifest beside the good ones")
                }
                let verify = try await world.verify()
                #expect(verify.status == 0, "\(verify.standardOutput)")
            }
        }
    }
}
