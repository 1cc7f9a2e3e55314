import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Model

/// The whole story against real servers: a snapshot by AXFR, the authority goes down, the
/// resolver fails, the backup is switched in and answers, the switch is undone and the
/// zone fails again.
@Suite(.serialized)
struct RestoreStoryTests {
    @Test(arguments: [RestoreLab.unsignedZone, RestoreLab.signedZone])
    func outageRestoreUndo(zone: DomainName) async throws {
        try await withRestoreLab { lab in
            let signed = zone == RestoreLab.signedZone
            let www = try zone.prepending("www")
            let manifest = try await RestoreLabSnapshot.take(zone, lab: lab)
            #expect(manifest.signed == signed)

            let healthy = await LabResolver.ask(www, .a)
            #expect(healthy.resolves)
            #expect(healthy.authenticated == signed)

            try lab.stopAuthority()
            try lab.forget(zone)
            let outage = await LabResolver.ask(www, .a)
            #expect(!outage.resolves, "with NSD stopped the resolver still answered \(outage.records)")
            #expect(outage.rcode == nil || outage.rcode == .servFail)

            let report = try await LabResolver.restorer(lab).apply(
                try LabResolver.snapshot(zone, lab), critical: try LabResolver.critical(zone))
            print("restore \(zone): switched in \(String(format: "%.3f", report.seconds ?? -1)) s\n" + RestoreResultText.render(report))
            #expect(report.outcome == .applied, "\(report.failure ?? "")")
            #expect(report.checks.count == 6 && report.checks.allSatisfy(\.passed))
            #expect(report.warnings.isEmpty)
            #expect((report.seconds ?? 99) < 5)

            let restored = await LabResolver.ask(www, .a)
            #expect(restored.resolves)
            #expect(restored.records.first?.address == "192.0.2.80")
            #expect(restored.authenticated == signed)
            let alias = await LabResolver.ask(try zone.prepending("alias"), .cname)
            #expect(alias.resolves, "a name outside the critical list is served from the copy too")

            let undo = try await LabResolver.restorer(lab).undo(zone: zone)
            print("undo \(zone): \(String(format: "%.3f", undo.seconds ?? -1)) s")
            #expect(undo.outcome == .undone)
            #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty)
            let afterUndo = await LabResolver.ask(www, .a)
            #expect(!afterUndo.resolves, "after undo the zone must depend on its (dead) authority again")

            let again = try await LabResolver.restorer(lab).undo(zone: zone)
            #expect(again.outcome == .nothingToUndo)
        }
    }
}
