import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Model

/// Fallback (standby) installs and harvested (partial) copies.
@Suite(.serialized)
struct RestoreModeTests {
    @Test func fallbackInstallsSwitchedOffThenOverrideSwitchesOn() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            try await RestoreLabSnapshot.take(zone, lab: lab)
            let restorer = try LabResolver.restorer(lab)
            let standby = try await restorer.apply(try LabResolver.snapshot(zone, lab), mode: .fallback)
            #expect(standby.outcome == .standby, "\(standby.failure ?? "")")
            let fragment = try #require(standby.fragment)
            #expect(FileManager.default.fileExists(atPath: fragment.standbyPath))
            #expect(!FileManager.default.fileExists(atPath: fragment.activePath))
            #expect(FileManager.default.fileExists(atPath: try #require(fragment.zoneFileCopy)))
            #expect(standby.nextStep?.contains("dnsward probe then switches") == true)
            #expect(!(try lab.unboundControl("list_auth_zones")).contains("backup.test."))

            try lab.stopAuthority()
            try lab.forget(zone)
            #expect(!(await LabResolver.ask(try zone.prepending("www"), .a).resolves), "a standby copy serves nothing")
            let applied = try await restorer.apply(try LabResolver.snapshot(zone, lab), mode: .override)
            #expect(applied.outcome == .applied)
            #expect(await LabResolver.ask(try zone.prepending("www"), .a).resolves)

            #expect(try await restorer.undo(zone: zone).outcome == .undone)
            #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty)
        }
    }

    @Test func aHarvestServesItsNamesAndHidesNoOthers() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            let www = try zone.prepending("www")
            let mail = try zone.prepending("mail")
            try await RestoreLabSnapshot.take(zone, lab: lab, method: .harvest) { records in
                records.filter { $0.owner == zone || $0.owner == www }
            }
            let restorer = try LabResolver.restorer(lab)
            let report = try await restorer.apply(
                try LabResolver.snapshot(zone, lab), critical: [CriticalQuestion(name: www, type: .a)])
            #expect(report.outcome == .applied, "\(report.failure ?? "")")
            #expect(report.fragment?.text.contains("local-zone: \"backup.test.\" transparent") == true)

            let notHarvested = await LabResolver.ask(mail, .a)
            #expect(notHarvested.records.first?.address == "192.0.2.25", "names outside the harvest still resolve normally")

            try lab.stopAuthority()
            try lab.forget(zone)
            #expect(await LabResolver.ask(www, .a).records.first?.address == "192.0.2.80")
            #expect(!(await LabResolver.ask(mail, .a).resolves))
            #expect(try await restorer.undo(zone: zone).outcome == .undone)
            #expect(!(await LabResolver.ask(www, .a).resolves))
        }
    }
}
