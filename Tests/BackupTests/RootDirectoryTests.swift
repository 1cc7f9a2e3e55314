@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform
import Model

/// The root zone and the zone `root.` each have a directory of their own, and a store
/// written with the older naming (the root in `root`) is still read and then moved
/// (issue 7, item 5).
@Suite(.serialized) struct RootDirectoryTests {
    static let named: DomainName = "root."

    static func servers(_ body: @Sendable (ZoneServer, ZoneServer) async throws -> Void) async throws {
        let root = ZoneServer.Setup(zone: .root, text: ZoneServer.zoneText(.root, serial: 2026120101, hosts: 30))
        let named = ZoneServer.Setup(zone: Self.named, text: ZoneServer.zoneText(Self.named, serial: 1, hosts: 5))
        try await withZoneServer(host: "127.61.0.1", root) { rootServer in
            try await withZoneServer(host: "127.61.0.2", named) { namedServer in
                try await body(rootServer, namedServer)
            }
        }
    }

    @Test func theRootAndTheZoneNamedRootDoNotBlockEachOther() async throws {
        try await Self.servers { rootServer, namedServer in
            let harness = try BackupHarness()
            for _ in 0..<2 {
                let root = try await harness.snapshot(.root, from: [rootServer.server])
                let named = try await harness.snapshot(Self.named, from: [namedServer.server])
                #expect(root.promoted, "\(root.manifest.verification.problems)")
                #expect(named.promoted, "\(named.manifest.verification.problems)")
                #expect(try harness.store.latest(of: .root)?.zone == ".")
                #expect(try harness.store.latest(of: Self.named)?.zone == "root.")
                #expect(harness.store.directory(for: .root) != harness.store.directory(for: Self.named))
            }
            let verified = try StoreVerification(store: harness.store).run(zones: nil)
            #expect(Set(verified.audits.filter(\.isLatest).map(\.zone)) == [".", "root."])
            #expect(verified.exitStatus == 0, "\(verified.audits.map(\.problems))")
        }
    }

    @Test func anOlderStoreIsReadInPlaceThenMoved() async throws {
        try await Self.servers { rootServer, namedServer in
            let harness = try BackupHarness()
            let root = try await harness.snapshot(.root, from: [rootServer.server])
            // The layout an older dnsward wrote: the root zone in `zones/root`.
            let legacy = harness.store.root + "/root"
            #expect(rename(harness.store.root + "/root.", legacy) == 0)
            #expect(harness.store.directory(for: .root) == legacy)
            #expect(try harness.store.latest(of: .root)?.file == root.manifest.file)
            #expect(try harness.store.latest(of: Self.named) == nil, "the root's copies are not the zone root.'s")
            let before = try StoreVerification(store: harness.store).run(zones: nil)
            #expect(before.audits.filter(\.isLatest).map(\.zone) == ["."])
            #expect(before.exitStatus == 0)

            // A snapshot of the zone `root.` moves the root zone out of its way first.
            let named = try await harness.snapshot(Self.named, from: [namedServer.server])
            #expect(named.promoted, "\(named.manifest.verification.problems)")
            #expect(named.notes.contains { $0.contains("moved") }, "\(named.notes)")
            #expect(harness.store.directory(for: .root) == harness.store.root + "/root.")
            #expect(try harness.store.latest(of: .root)?.file == root.manifest.file)
            #expect(try harness.store.latest(of: Self.named)?.file == named.manifest.file)
            let after = try StoreVerification(store: harness.store).run(zones: nil)
            #expect(Set(after.audits.filter(\.isLatest).map(\.zone)) == [".", "root."])
            #expect(after.exitStatus == 0, "\(after.audits.map(\.problems))")
        }
    }
}

extension RootDirectoryTests {
    /// An older store where both zones wrote into `zones/root` (sharing one `latest`): the
    /// next snapshot of the root takes the root's copies out, file by file, and leaves the
    /// zone `root.` its own.
    @Test func aSharedOlderDirectoryIsSplit() async throws {
        try await Self.servers { rootServer, namedServer in
            let harness = try BackupHarness()
            let root = try await harness.snapshot(.root, from: [rootServer.server])
            let named = try await harness.snapshot(Self.named, from: [namedServer.server])
            // Merge the root's files into `root`, as the older naming did; `latest` there is
            // the zone root.'s, the last one written.
            let shared = harness.store.root + "/root"
            let rootDirectory = harness.store.root + "/root."
            for name in try Directory.entries(rootDirectory) where name != "latest" {
                #expect(rename(rootDirectory + "/" + name, shared + "/" + name) == 0)
            }
            unlink(rootDirectory + "/latest")
            #expect(rmdir(rootDirectory) == 0)

            let again = try await harness.snapshot(.root, from: [rootServer.server])
            #expect(again.promoted, "\(again.manifest.verification.problems)")
            #expect(again.notes.contains { $0.contains("moved 1 snapshots of .") }, "\(again.notes)")
            #expect(try harness.store.snapshots(of: .root).map(\.file).contains(root.manifest.file))
            #expect(try harness.store.latest(of: .root)?.file == again.manifest.file)
            #expect(try harness.store.latest(of: Self.named)?.file == named.manifest.file)
            #expect(try harness.store.listing(of: .root, in: shared).entries.isEmpty)
            #expect(try harness.store.listing(of: Self.named, in: shared).entries.map(\.manifest.file) == [named.manifest.file])
            #expect(FileManager.default.fileExists(atPath: harness.store.zonePath(root.manifest, zone: .root)))
        }
    }
}
