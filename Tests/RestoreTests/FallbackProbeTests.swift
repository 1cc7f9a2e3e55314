import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform

/// Fallback mode end to end: cron's `dnsward probe` sees every authority of a zone silent
/// for N runs and puts the backup into service in Unbound; when the authorities answer
/// again for M runs, takes it out.
@Suite(.serialized)
struct FallbackProbeTests {
    func probe(_ config: String) async throws -> Subprocess.Result {
        try await Subprocess.run(RestoreCLITests.binary, ["probe", "--config", config, "--no-history"])
    }

    @Test func probeSwitchesToTheBackupAndBack() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            let www = try zone.prepending("www")
            let snapshot = try await RestoreCLITests.snapshotByCLI(zone, lab)
            #expect(snapshot.status == 0, "\(snapshot.standardOutput)\(snapshot.standardError)")

            // The authority stands in for the root: it answers for the zone itself.
            let hints = lab.directory + "/fallback.hints"
            try ". 3600000 NS a.fake.\na.fake. 3600000 A \(RestoreLab.authority.host)\n"
                .write(toFile: hints, atomically: true, encoding: .utf8)
            let config = lab.directory + "/fallback.yml"
            try """
                root_hints: \(hints)
                timeout: 0.5
                retries: 0
                probe:
                  deadline: 15
                zones:
                  - name: \(zone)
                    axfr_expected: true
                    critical:
                      - name: \(www)
                        types: [A]
                    fallback:
                      unbound_config: \(lab.unboundConfig)
                      include_dir: \(lab.includeDirectory)
                      resolver: \(RestoreLab.resolver)
                      zones_dir: \(lab.storeDirectory)
                      after_failures: 2
                      after_recoveries: 1

                """.write(toFile: config, atomically: true, encoding: .utf8)
            let fragment = lab.includeDirectory + "/dnsward-\(zone.description.dropLast()).conf"

            let healthy = try await probe(config)
            #expect(healthy.standardOutput.contains("BACKUP-FALLBACK") == false, "\(healthy.standardOutput)")

            try lab.stopAuthority()
            try lab.forget(zone)
            let first = try await probe(config)
            #expect(first.standardOutput.contains("AUTH-DELEGATION CRITICAL"))
            #expect(!FileManager.default.fileExists(atPath: fragment), "one silent run must not switch yet")
            #expect(!(await LabResolver.ask(www, .a).resolves))

            let second = try await probe(config)
            #expect(second.standardOutput.contains("BACKUP-FALLBACK WARNING \(zone) unbound"), "\(second.standardOutput)")
            #expect(second.standardOutput.contains("put into service"))
            #expect(FileManager.default.fileExists(atPath: fragment))
            #expect(await LabResolver.ask(www, .a).resolves)

            // Still down: the backup stays, and says so.
            let third = try await probe(config)
            #expect(third.standardOutput.contains("served from backup"), "\(third.standardOutput)")

            try await lab.startAuthority()
            let back = try await probe(config)
            #expect(back.standardOutput.contains("taken out of service"), "\(back.standardOutput)")
            #expect(!FileManager.default.fileExists(atPath: fragment))
            let state = try String(contentsOfFile: lab.storeDirectory + "/backup.test/fallback-state.json", encoding: .utf8)
            #expect(state.contains("\"active\" : false"))
        }
    }
}
