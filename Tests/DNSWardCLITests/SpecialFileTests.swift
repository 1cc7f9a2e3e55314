import DNSCore
import DNSWardTestKit
import Foundation
import Glibc
import Testing
import Platform

/// A FIFO or a link to /dev/zero in the store: `verify` and `snapshot` read only regular
/// files, so they finish with a clear message instead of hanging (issue 7, item 11).
@Suite(.serialized) struct SpecialFileTests {
    static let zone: DomainName = "special.test."
    static let setup = ZoneServer.Setup(zone: zone, text: ZoneServer.zoneText(zone, serial: 5, hosts: 100))

    enum Plant: String, CaseIterable, Sendable {
        case fifo, devZeroLink
    }

    /// The zone file `latest` points at is replaced by `plant`.
    @Test(arguments: Plant.allCases)
    func aSpecialFileInPlaceOfTheLatestCopy(plant: Plant) async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            let path = world.zoneDirectory(Self.zone) + "/" + (try #require(world.latestTarget(Self.zone)))
            unlink(path)
            switch plant {
            case .fifo: #expect(mkfifo(path, 0o600) == 0)
            case .devZeroLink: #expect(symlink("/dev/zero", path) == 0)
            }
            let verify = try await world.verify()
            #expect(!verify.timedOut, "verify hung on a \(plant)")
            #expect(verify.status == 2, "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains(plant == .fifo ? "is a FIFO, not a regular file" : "is a symbolic link, not a regular file"),
                    "\(verify.standardOutput)")

            let again = try await world.snapshot(Self.zone, from: server)
            #expect(!again.timedOut, "snapshot hung on a \(plant)")
            #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
            #expect(again.standardOutput.contains("not compared with the last good copy"), "\(again.standardOutput)")
            #expect(try await world.verify(["--zone", Self.zone.description]).standardOutput.contains("SERVABLE special.test. "))
        }
    }

    /// A FIFO with a manifest's name: skipped with a warning.
    @Test func aFIFONamedLikeAManifest() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            let fifo = world.zoneDirectory(Self.zone) + "/20200101T000000Z-5.json"
            #expect(mkfifo(fifo, 0o600) == 0)
            let verify = try await world.verify()
            #expect(!verify.timedOut && verify.status == 0, "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains("note: \(fifo): unreadable manifest, ignored"), "\(verify.standardOutput)")
            let again = try await world.snapshot(Self.zone, from: server)
            #expect(!again.timedOut && again.status == 0, "\(again.standardOutput)")
            #expect(again.standardOutput.contains("warning: \(fifo)"), "\(again.standardOutput)")
        }
    }
}
