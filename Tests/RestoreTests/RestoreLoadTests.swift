import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform

/// Generated configuration loads in the real programs: the running Unbound takes the
/// auth-zone fragments, BIND's checkers take the zone statement and the copy.
@Suite(.serialized)
struct RestoreLoadTests {
    @Test func unboundFragmentsLoadInTheRunningUnbound() async throws {
        try await withRestoreLab { lab in
            for zone in [RestoreLab.unsignedZone, RestoreLab.signedZone] {
                try await RestoreLabSnapshot.take(zone, lab: lab)
                let snapshot = try LabResolver.snapshot(zone, lab)
                let fragment = try ResolverFragment.make(
                    for: snapshot, resolver: .unbound, mode: .override, directory: lab.includeDirectory)
                let copy = try #require(fragment.zoneFileCopy)
                try FileManager.default.copyItem(atPath: snapshot.zoneFilePath, toPath: copy)
                try fragment.text.write(toFile: fragment.installedPath, atomically: true, encoding: .utf8)
            }
            let check = try await Subprocess.run("/usr/sbin/unbound-checkconf", [lab.unboundConfig])
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
            try lab.unboundControl("reload")
            let zones = try lab.unboundControl("list_auth_zones")
            #expect(zones.contains("backup.test.\tserial 2026010101"))
            #expect(zones.contains("signedbackup.test.\tserial 2026010101"))
        }
    }

    @Test func bindTakesTheZoneStatementAndTheCopy() async throws {
        try await withRestoreLab { lab in
            let temporary = try TemporaryDirectory()
            for zone in [RestoreLab.unsignedZone, RestoreLab.signedZone] {
                try await RestoreLabSnapshot.take(zone, lab: lab)
                let snapshot = try LabResolver.snapshot(zone, lab)
                let fragment = try ResolverFragment.make(
                    for: snapshot, resolver: .bind, mode: .override, directory: temporary.path)
                #expect(fragment.text.contains("zone \"\(zone)\" {\n\ttype primary;\n\tfile \""))
                #expect(try await BINDConfigCheck.problems(fragment: fragment.text, zone: zone, zoneFile: snapshot.zoneFilePath).isEmpty)

                // And independently of dnsward's checker: named-checkconf -z loads the copy.
                try FileManager.default.copyItem(atPath: snapshot.zoneFilePath, toPath: try #require(fragment.zoneFileCopy))
                try fragment.text.write(toFile: fragment.installedPath, atomically: true, encoding: .utf8)
                let config = temporary.path + "/named-\(zone)conf"
                try "options { directory \"\(temporary.path)\"; };\ninclude \"\(fragment.installedPath)\";\n"
                    .write(toFile: config, atomically: true, encoding: .utf8)
                let result = try await Subprocess.run("/usr/bin/named-checkconf", ["-z", config])
                #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
                #expect(result.standardOutput.contains("loaded serial 2026010101"))
            }
        }
    }
}
