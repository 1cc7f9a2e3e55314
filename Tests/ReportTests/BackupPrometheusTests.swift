import DNSCore
import DNSWardTestKit
import Foundation
import Model
import Platform
import Report
import Testing

/// The metrics of snapshot, verify and drill: what the backup alerts read.
@Suite struct BackupPrometheusTests {
    static func manifest(zone: String, serial: UInt32, method: SnapshotManifest.Method, usableUntil: Date?) -> SnapshotManifest {
        SnapshotManifest(zone: zone, serial: serial, file: "x.zone", sha256: "00", recordCount: 12, method: method,
                         sourceServer: "ns1", sourceAddress: "127.53.2.1", started: SampleRun.started,
                         finished: SampleRun.started.addingTimeInterval(2), signed: usableUntil != nil, usableUntil: usableUntil,
                         verification: .init(passed: true, problems: [], notes: [], dnssec: "valid", zonemd: "absent",
                                             recordsAdded: 0, recordsRemoved: 0))
    }

    static var snapshot: String {
        BackupPrometheus.snapshot([
            .init(zone: "signed.test.", latest: manifest(zone: "signed.test.", serial: 7, method: .axfr, usableUntil: SampleRun.signedExpiry),
                  result: .taken),
            .init(zone: "noaxfr.test.", latest: manifest(zone: "noaxfr.test.", serial: 3, method: .harvest, usableUntil: nil),
                  result: .refused),
            .init(zone: "we\"ird.test.", latest: nil, result: .failed),
        ], finished: SampleRun.started.addingTimeInterval(10))
    }

    @Test(arguments: [
        #"dnsward_backup_present{zone="signed.test."} 1"#,
        #"dnsward_backup_present{zone="we\"ird.test."} 0"#,
        #"dnsward_backup_last_good_timestamp_seconds{zone="signed.test."} 1787392802"#,
        #"dnsward_backup_serial{zone="noaxfr.test."} 3"#,
        #"dnsward_backup_partial{zone="noaxfr.test."} 1"#,
        #"dnsward_backup_partial{zone="signed.test."} 0"#,
        #"dnsward_backup_usable_until_timestamp_seconds{zone="signed.test."} 1788220800"#,
        #"dnsward_snapshot_result{zone="signed.test."} 0"#,
        #"dnsward_snapshot_result{zone="noaxfr.test."} 1"#,
        #"dnsward_snapshot_result{zone="we\"ird.test."} 2"#,
        "dnsward_snapshot_last_run_timestamp_seconds 1787392810",
    ])
    func snapshotMetrics(_ line: String) {
        #expect(Self.snapshot.split(separator: "\n").contains(Substring(line)), "missing \(line)\n\(Self.snapshot)")
    }

    @Test func aZoneWithoutAGoodCopyHasNoAgeToAlertOn() {
        #expect(!Self.snapshot.contains(#"dnsward_backup_last_good_timestamp_seconds{zone="we\"ird.test."}"#))
        #expect(!Self.snapshot.contains(#"dnsward_backup_usable_until_timestamp_seconds{zone="noaxfr.test."}"#))
    }

    @Test func verifyAndDrillMetrics() {
        let verify = BackupPrometheus.verify([(zone: "a.test.", status: 0), (zone: "b.test.", status: 2)], finished: SampleRun.started)
        #expect(verify.contains("dnsward_verify_status{zone=\"b.test.\"} 2\n"))
        #expect(verify.contains("dnsward_verify_last_run_timestamp_seconds 1787392800\n"))
        let drill = DrillPrometheus.render([
            RestoreEvent(time: SampleRun.started, kind: .drill, zone: "a.test.", resolver: "unbound", outcome: "passed", seconds: 0.05),
            RestoreEvent(time: SampleRun.started, kind: .drill, zone: "b.test.", resolver: "unbound", outcome: "failed"),
            RestoreEvent(time: SampleRun.started, kind: .apply, zone: "c.test.", resolver: "unbound", outcome: "applied"),
        ], finished: SampleRun.started)
        #expect(drill.contains("dnsward_drill_passed{zone=\"a.test.\"} 1\n") && drill.contains("dnsward_drill_passed{zone=\"b.test.\"} 0\n"))
        #expect(drill.contains("dnsward_drill_serve_seconds{zone=\"a.test.\"} 0.05\n"))
        #expect(!drill.contains("c.test."))
    }

    @Test func promtoolAcceptsThem() async throws {
        try #require(Promtool.isInstalled, "promtool not on PATH: apt-get install --no-install-recommends prometheus")
        for text in [Self.snapshot, BackupPrometheus.verify([(zone: "a.test.", status: 1)], finished: SampleRun.started),
                     DrillPrometheus.render([], finished: SampleRun.started)] {
            let result = try await Promtool.checkMetrics(text)
            #expect(result.status == 0 && result.standardOutput.isEmpty, "\(result.standardOutput)\(result.standardError)\n\(text)")
        }
    }
}
