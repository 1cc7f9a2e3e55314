import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Model

/// A switch that does not give the expected answers is undone: Unbound keeps the state
/// it had before, files and answers alike.
@Suite(.serialized)
struct RestoreRollbackTests {
    static func listing(_ lab: RestoreLab) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory) {
            files[name] = FileManager.default.contents(atPath: lab.includeDirectory + "/" + name)
        }
        return files
    }

    @Test func aForgedSignedCopyIsCaughtByTheValidatorAndRolledBack() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.signedZone
            let www = try zone.prepending("www")
            let restorer = try LabResolver.restorer(lab)
            try await RestoreLabSnapshot.take(zone, lab: lab)
            let first = try await restorer.apply(try LabResolver.snapshot(zone, lab))
            #expect(first.outcome == .applied)
            let before = try Self.listing(lab)

            // A copy whose manifest looks right (hash recomputed, "verified") but whose
            // data was changed under the old signature.
            try await RestoreLabSnapshot.take(zone, lab: lab) { records in
                records.map { record in
                    guard record.owner == www, record.type == .a else { return record }
                    var forged = record
                    forged.rdata = [192, 0, 2, 99]
                    return forged
                }
            }
            // The incident goes on: with the authority down, a bad copy has nothing to
            // fall back to (with it up, Unbound answers a bogus local copy from the network).
            try lab.stopAuthority()

            let report = try await restorer.apply(
                try LabResolver.snapshot(zone, lab), critical: [CriticalQuestion(name: www, type: .a)])
            print(RestoreResultText.render(report))
            #expect(report.outcome == .rolledBack)
            let check = try #require(report.checks.first)
            #expect(!check.passed && check.rcode != "NOERROR", "bogus data: SERVFAIL or no answer, got \(check.rcode ?? "none")")
            #expect(report.failure?.contains("does not answer from the snapshot") == true)
            #expect(report.warnings.isEmpty, "the rollback itself must succeed: \(report.warnings)")

            #expect(try Self.listing(lab) == before, "the previous fragment and copy are back, nothing else")
            try lab.forget(zone)
            let answer = await LabResolver.ask(www, .a)
            #expect(answer.records.first?.address == "192.0.2.80", "still served from the previous, good copy")
            #expect(answer.authenticated)
        }
    }

    @Test func aCopyUnboundCannotLoadIsNeverReloaded() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            let manifest = try await RestoreLabSnapshot.take(zone, lab: lab)
            let snapshot = try LabResolver.snapshot(zone, lab)
            // Broken after the fact, with a manifest that matches it again.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: snapshot.zoneFilePath))
            try handle.seekToEnd()
            // ldns reads a record of another class; Unbound refuses it in an IN zone.
            try handle.write(contentsOf: Data("chaos.backup.test. 300 CH A 192.0.2.1\n".utf8))
            try handle.close()
            var rewritten = manifest
            rewritten.sha256 = try RestoreLabSnapshot.sha256sum(snapshot.zoneFilePath)
            let manifestPath = SnapshotStore(root: lab.storeDirectory).manifestPath(forZoneFile: snapshot.zoneFilePath)
            try SnapshotManifest.encoder.encode(rewritten).write(to: URL(fileURLWithPath: manifestPath))

            let report = try await LabResolver.restorer(lab).apply(try LabResolver.snapshot(zone, lab))
            #expect(report.outcome == .rolledBack)
            #expect(report.failure?.contains("unbound-checkconf rejects the new configuration") == true)
            #expect(!report.steps.contains { $0.contains("reload") }, "a configuration that does not check is never reloaded")
            #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty)
            #expect(await LabResolver.ask(try zone.prepending("www"), .a).resolves, "Unbound is still up and resolving")
        }
    }
}
