import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Model

/// Snapshots that must not be served: refused before anything changes, unless forced,
/// and then loudly.
@Suite(.serialized)
struct RestoreRefusalTests {
    static func expectRefusal(_ lab: RestoreLab, _ snapshot: RestoreSnapshot, mentioning text: String) async throws {
        let restorer = try LabResolver.restorer(lab)
        do {
            let report = try await restorer.apply(snapshot)
            Issue.record("applied a snapshot that should be refused: \(report.outcome)")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.message.contains(text), "\(error.message)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty,
                "a refusal must not leave anything behind")
    }

    @Test func tamperedFailedAndExpiredSnapshotsAreRefused() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            let good = try await RestoreLabSnapshot.take(zone, lab: lab)
            let snapshot = try LabResolver.snapshot(zone, lab)

            // One byte changed after the manifest was written.
            var bytes = try #require(FileManager.default.contents(atPath: snapshot.zoneFilePath))
            let index = try #require(bytes.firstRange(of: Data("192.0.2.80".utf8))).upperBound - 1
            bytes[index] = UInt8(ascii: "1")
            try bytes.write(to: URL(fileURLWithPath: snapshot.zoneFilePath))
            #expect(try RestoreLabSnapshot.sha256sum(snapshot.zoneFilePath) != good.sha256)
            try await Self.expectRefusal(lab, snapshot, mentioning: "was changed after the snapshot was taken")

            try await RestoreLabSnapshot.take(zone, lab: lab, passed: false)
            try await Self.expectRefusal(lab, try LabResolver.snapshot(zone, lab), mentioning: "failed verification")

            try await RestoreLabSnapshot.take(RestoreLab.signedZone, lab: lab, usableUntil: Date().addingTimeInterval(-60))
            try await Self.expectRefusal(lab, try LabResolver.snapshot(RestoreLab.signedZone, lab), mentioning: "signatures expired")
        }
    }

    @Test func forceAppliesAndSaysSoLoudly() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            try await RestoreLabSnapshot.take(zone, lab: lab, passed: false)
            let report = try await LabResolver.restorer(lab).apply(try LabResolver.snapshot(zone, lab), force: true)
            #expect(report.outcome == .applied)
            #expect(report.admission?.forced == true)
            #expect(report.warnings.contains { $0.hasPrefix("FORCED:") && $0.contains("failed verification") })
            #expect(RestoreResultText.render(report).contains("WARNING: FORCED:"))
            _ = try await LabResolver.restorer(lab).undo(zone: zone)
        }
    }
}
