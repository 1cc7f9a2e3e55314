import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform
import Model
import History

/// `dnsward restore` as an operator runs it, against the restore lab.
@Suite(.serialized)
struct RestoreCLITests {
    /// The built executable sits beside the test bundle.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dnsward").path
    }

    static func dnsward(_ arguments: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(binary, ["restore"] + arguments)
    }

    /// `dnsward snapshot` of a restore-lab zone from its authority into the lab's store.
    static func snapshotByCLI(_ zone: DomainName, _ lab: RestoreLab) async throws -> Subprocess.Result {
        try await Subprocess.run(binary, [
            "snapshot", "--zone", zone.description, "--server", RestoreLab.authority.description,
            "--zones-dir", lab.storeDirectory, "--no-harvest", "--no-chain-check"])
    }

    static func lab(_ lab: RestoreLab, _ zone: DomainName) -> [String] {
        ["--zone", zone.description, "--zones-dir", lab.storeDirectory, "--include-dir", lab.includeDirectory,
         "--unbound-config", lab.unboundConfig, "--resolver", RestoreLab.resolver.description]
    }

    @Test func printsApplyAndUndoEndToEnd() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.signedZone
            try await RestoreLabSnapshot.take(zone, lab: lab)

            let printed = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "unbound"])
            #expect(printed.status == 0, "\(printed.standardError)")
            #expect(printed.standardOutput.contains("auth-zone:\n    name: \"signedbackup.test.\"\n"))
            #expect(printed.standardError.contains("RESTORE GENERATED"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty, "printing installs nothing")

            let bind = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "bind", "--include-dir", "/etc/bind"])
            #expect(bind.status == 0, "\(bind.standardError)")
            #expect(bind.standardOutput.contains("zone \"signedbackup.test.\" {\n\ttype primary;\n\tfile \"/etc/bind/dnsward-signedbackup.test@"))
            let knot = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "knot-resolver", "--authority", "127.0.0.1@5353"])
            #expect(knot.status == 0)
            #expect(knot.standardOutput.contains("policy.add(policy.suffix(policy.STUB({'127.0.0.1@5353'}), {todname('signedbackup.test.')}))"))

            try lab.stopAuthority()
            try lab.forget(zone)
            // The critical names come from the configuration, after the apex SOA and NS.
            let config = lab.directory + "/dnsward.yml"
            try """
                zones:
                  - name: signedbackup.test
                    critical:
                      - name: www.signedbackup.test
                        types: [A, AAAA]

                """.write(toFile: config, atomically: true, encoding: .utf8)
            let history = lab.directory + "/history.sqlite"
            let applied = try await Self.dnsward(Self.lab(lab, zone) + [
                "--to", "unbound", "--apply", "--config", config, "--format", "json", "--history", history])
            #expect(applied.status == 0, "\(applied.standardOutput)\(applied.standardError)")
            let report = try JSONSerialization.jsonObject(with: Data(applied.standardOutput.utf8)) as? [String: Any]
            #expect(report?["outcome"] as? String == "applied")
            let checks = (report?["checks"] as? [[String: Any]]) ?? []
            #expect(checks.count == 4 && checks.allSatisfy { $0["passed"] as? Bool == true && $0["authenticated"] as? Bool == true })
            let seconds = try #require(report?["seconds"] as? Double)
            print("dnsward restore --apply (CLI, whole process): switch \(String(format: "%.3f", seconds)) s")
            let answer = await LabResolver.ask(try zone.prepending("www"), .a)
            #expect(answer.resolves && answer.authenticated)

            let undone = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "unbound", "--undo", "--history", history])
            #expect(undone.status == 0, "\(undone.standardOutput)")
            #expect(undone.standardOutput.hasPrefix("RESTORE UNDONE signedbackup.test. -> unbound"))
            #expect(!(await LabResolver.ask(try zone.prepending("www"), .a).resolves))

            // Both switches are in the history, as the report will show them.
            let events = try HistoryStore(path: history).restoreEvents()
            #expect(events.map(\.kind) == [.apply, .undo])
            #expect(events.map(\.outcome) == ["applied", "undone"])
            #expect(events[0].checksPassed == 4 && events[0].checksTotal == 4 && events[0].seconds == seconds)
            #expect(events.allSatisfy { $0.zone == zone.description && $0.resolver == "unbound" })
        }
    }

    @Test func exitCodesForBadInputRefusalAndRollback() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.signedZone
            let manifest = try await RestoreLabSnapshot.take(zone, lab: lab)
            for bad in [["--zone", "bad..name"], ["--zone", "bad\"name.test"], ["--to", "powerdns"],
                        ["--mode", "sometimes"], ["--critical", "www.signedbackup.test/AAA"], ["--resolver", "localhost"],
                        ["--critical", "www.other.test/A"], ["--undo"]] {
                let result = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "unbound", "--apply"] + bad)
                #expect(result.status == 3, "\(bad): \(result.standardOutput)")
                #expect(result.standardOutput.hasPrefix("RESTORE ERROR - "), "\(bad): \(result.standardOutput)")
            }
            let quoted = try await Self.dnsward(["--zone", "bad\"name.test", "--to", "unbound", "--zones-dir", lab.storeDirectory])
            #expect(quoted.status == 3)
            let json = try await Self.dnsward(["--zone", "bad..name", "--to", "unbound", "--format", "json"])
            let error = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
            #expect((error?["error"] as? [String: String])?["kind"] == "bad-input")

            // Tampered: www's address changed behind the manifest's back.
            let path = SnapshotStore(root: lab.storeDirectory).directory(for: zone) + "/" + manifest.file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "192.0.2.80", with: "192.0.2.81").write(toFile: path, atomically: true, encoding: .utf8)
            let refused = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "unbound", "--apply"])
            #expect(refused.status == 2)
            #expect(refused.standardOutput.hasPrefix("RESTORE REFUSED - refusing to restore signedbackup.test.: "))
            #expect(refused.standardOutput.contains("was changed after the snapshot was taken"))
            let printedRefused = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "bind"])
            #expect(printedRefused.status == 2, "printing a refused snapshot's configuration is refused too")

            // Forced, in an outage: the validator still rejects the forged data, so the
            // switch fails and is rolled back (exit 1), loudly.
            try lab.stopAuthority()
            let forced = try await Self.dnsward(Self.lab(lab, zone) + ["--to", "unbound", "--apply", "--force",
                                                                  "--critical", "www.signedbackup.test/A"])
            #expect(forced.status == 1, "\(forced.standardOutput)")
            #expect(forced.standardOutput.hasPrefix("RESTORE FAILED signedbackup.test. -> unbound (override)"))
            #expect(forced.standardOutput.contains("WARNING: FORCED: restoring a snapshot that would have been refused"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty)
        }
    }
}
