@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Model

/// With a TSIG key, a failed transfer is a failure: never an unauthenticated harvest, and
/// an authentication failure says TSIG (issue 7, item 2). A real NSD with the key.
@Suite(.serialized) struct TSIGSnapshotTests {
    static let zone: DomainName = "keyed.test."
    static let secret = "K2tf3TRjvQkVCmJF3/Z9vA=="
    static let key = try! TSIGKey(parsing: "hmac-sha256:transfer.key:\(secret)")

    static func setup(acl: String) -> ZoneServer.Setup {
        ZoneServer.Setup(zone: zone, text: ZoneServer.zoneText(zone, serial: 2026120101, hosts: 3000),
                         provideXFR: [acl], keys: [("transfer.key", secret)])
    }

    @Test(arguments: [
        ("hmac-sha256:transfer.key:AAAAAAAAAAAAAAAAAAAAAA==", "BADSIG"),
        ("hmac-sha256:other.key:\(secret)", "BADKEY"),
    ])
    func aWrongKeyIsATSIGFailureAndNothingIsHarvested(key text: String, expected: String) async throws {
        try await withZoneServer(Self.setup(acl: "127.0.0.0/8 transfer.key")) { server in
            let harness = try BackupHarness()
            let good = try await harness.snapshot(Self.zone, from: [server.server], tsig: Self.key)
            #expect(good.promoted && good.manifest.method == .axfr)

            let error = await #expect(throws: DNSCoreError.self) {
                try await harness.snapshot(Self.zone, from: [server.server], tsig: try TSIGKey(parsing: text))
            }
            #expect(error?.code == .tsig)
            #expect(error?.reason.contains("TSIG") == true && error?.reason.contains(expected) == true, "\(String(describing: error))")
            #expect(error?.reason.contains("AXFR refused") == false)
            #expect(try harness.store.latest(of: Self.zone)?.file == good.manifest.file)
            #expect(try harness.store.snapshots(of: Self.zone).count == 1, "no harvest was stored")
        }
    }

    /// The key is right but the server's ACL does not allow this client: refused, and with
    /// a key configured no unauthenticated harvest stands in.
    @Test func anACLRefusalWithAKeyIsNotHarvested() async throws {
        try await withZoneServer(Self.setup(acl: "192.0.2.1 transfer.key")) { server in
            let harness = try BackupHarness()
            let error = await #expect(throws: DNSCoreError.self) {
                try await harness.snapshot(Self.zone, from: [server.server], tsig: Self.key)
            }
            #expect(error?.code == .transfer)
            #expect(error?.reason.contains("REFUSED") == true)
            #expect(error?.reason.contains("no unauthenticated harvest") == true, "\(String(describing: error))")
            #expect(try harness.store.snapshots(of: Self.zone).isEmpty)
            // Nothing was kept, so no directory is left behind either.
            #expect(!FileManager.default.fileExists(atPath: harness.store.directory(for: Self.zone)))
        }
    }
}
