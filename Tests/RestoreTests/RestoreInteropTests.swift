import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform
import Model

/// `dnsward snapshot` writes what `dnsward restore` reads: the two commands end to end.
@Suite(.serialized)
struct RestoreInteropTests {
    @Test(arguments: [RestoreLab.unsignedZone, RestoreLab.signedZone])
    func snapshotCommandThenRestore(zone: DomainName) async throws {
        try await withRestoreLab { lab in
            let snapshot = try await RestoreCLITests.snapshotByCLI(zone, lab)
            #expect(snapshot.status == 0, "\(snapshot.standardOutput)\(snapshot.standardError)")
            let manifest = try #require(try SnapshotStore(root: lab.storeDirectory).latest(of: zone))
            #expect(manifest.verification.passed)

            try lab.stopAuthority()
            try lab.forget(zone)
            let www = try zone.prepending("www")
            #expect(!(await LabResolver.ask(www, .a).resolves))
            let restore = try await RestoreCLITests.dnsward(RestoreCLITests.lab(lab, zone) + [
                "--to", "unbound", "--apply", "--critical", "\(www)/A", "--critical", "\(www)/AAAA"])
            #expect(restore.status == 0, "\(restore.standardOutput)")
            #expect(restore.standardOutput.hasPrefix("RESTORE OK \(zone) -> unbound (override): snapshot \(manifest.id)"))
            let answer = await LabResolver.ask(www, .a)
            #expect(answer.resolves)
            #expect(answer.authenticated == manifest.signed)
            let undo = try await RestoreCLITests.dnsward(RestoreCLITests.lab(lab, zone) + ["--to", "unbound", "--undo"])
            #expect(undo.status == 0)
        }
    }
}
