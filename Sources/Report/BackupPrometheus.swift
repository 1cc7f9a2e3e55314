public import Foundation
import Platform
public import Model

/// The backups as Prometheus text exposition (node_exporter's textfile collector): what
/// `snapshot` leaves in the store, and what `verify` and `drill` found. Each command writes
/// its own file with its own families, so no series appears in two files (the collector
/// rejects a scrape where one does).
public enum BackupPrometheus {
    /// One zone after a snapshot run: its latest good copy (nil when it has none) and what
    /// this run did (`taken`, `refused`, `failed`; nil when the run did not touch it).
    public struct Zone: Sendable {
        public var zone: String
        public var latest: SnapshotManifest?
        public var result: SnapshotEvent.Kind?

        public init(zone: String, latest: SnapshotManifest?, result: SnapshotEvent.Kind?) {
            self.zone = zone
            self.latest = latest
            self.result = result
        }
    }

    public static func snapshot(_ zones: [Zone], finished: Date) -> String {
        var present = PrometheusFamily("dnsward_backup_present", help: "1 when the zone has a good (verified) snapshot in the store.", labels: ["zone"])
        var time = PrometheusFamily("dnsward_backup_last_good_timestamp_seconds",
                                    help: "When the zone's latest good snapshot was taken, as a Unix timestamp.", labels: ["zone"])
        var serial = PrometheusFamily("dnsward_backup_serial", help: "SOA serial of the zone's latest good snapshot.", labels: ["zone"])
        var records = PrometheusFamily("dnsward_backup_records", help: "Records in the zone's latest good snapshot.", labels: ["zone"])
        var partial = PrometheusFamily("dnsward_backup_partial", help: "1 when the latest good snapshot is a harvest (some names only).", labels: ["zone"])
        var usable = PrometheusFamily("dnsward_backup_usable_until_timestamp_seconds",
                                      help: "Earliest RRSIG expiration of the latest good snapshot: a validating resolver rejects it after.",
                                      labels: ["zone"])
        var result = PrometheusFamily("dnsward_snapshot_result",
                                      help: "What the last snapshot run did per zone (0 taken, 1 refused, 2 failed).", labels: ["zone"])
        for zone in zones {
            present.add([zone.zone], zone.latest == nil ? 0 : 1)
            if let manifest = zone.latest {
                time.add([zone.zone], manifest.finished.timeIntervalSince1970)
                serial.add([zone.zone], Double(manifest.serial))
                records.add([zone.zone], Double(manifest.recordCount))
                partial.add([zone.zone], manifest.method == .harvest ? 1 : 0)
                if let until = manifest.usableUntil { usable.add([zone.zone], until.timeIntervalSince1970) }
            }
            switch zone.result {
            case .taken: result.add([zone.zone], 0)
            case .refused: result.add([zone.zone], 1)
            case .failed: result.add([zone.zone], 2)
            case .verified, nil: break
            }
        }
        var last = PrometheusFamily("dnsward_snapshot_last_run_timestamp_seconds", help: "When the last snapshot run finished, as a Unix timestamp.")
        last.add(finished.timeIntervalSince1970)
        return render([present, time, serial, records, partial, usable, result, last])
    }

    /// `verify`: per zone, its latest copy's verdict (0 servable, 1 expiring or a partial copy
    /// in place of a full one, 2 expired or failed).
    public static func verify(_ statuses: [(zone: String, status: Int)], finished: Date) -> String {
        var status = PrometheusFamily("dnsward_verify_status",
                                      help: "Verdict on the zone's latest snapshot (0 servable, 1 expiring or partial, 2 expired or failed).",
                                      labels: ["zone"])
        for item in statuses { status.add([item.zone], Double(item.status)) }
        var last = PrometheusFamily("dnsward_verify_last_run_timestamp_seconds", help: "When the last verify run finished, as a Unix timestamp.")
        last.add(finished.timeIntervalSince1970)
        return render([status, last])
    }

    static func render(_ families: [PrometheusFamily]) -> String {
        var text = ""
        for family in families { family.render(into: &text) }
        return text
    }

    public static func write(_ text: String, to path: String) throws {
        try DurableFile.write(Array(text.utf8), to: path)
    }
}

/// `drill`: per zone, whether its backup served as taken and how fast.
public enum DrillPrometheus {
    public static func render(_ drills: [RestoreEvent], finished: Date = Date()) -> String {
        var passed = PrometheusFamily("dnsward_drill_passed", help: "1 when the zone's backup was served as taken in the last drill.", labels: ["zone"])
        var serve = PrometheusFamily("dnsward_drill_serve_seconds",
                                     help: "From starting the drill's private resolver to its first answer.", labels: ["zone"])
        for drill in drills where drill.kind == .drill {
            passed.add([drill.zone], drill.succeeded ? 1 : 0)
            if let seconds = drill.seconds { serve.add([drill.zone], seconds) }
        }
        var last = PrometheusFamily("dnsward_drill_last_run_timestamp_seconds", help: "When the last drill finished, as a Unix timestamp.")
        last.add(finished.timeIntervalSince1970)
        return BackupPrometheus.render([passed, serve, last])
    }

    public static func write(_ drills: [RestoreEvent], to path: String) throws {
        try BackupPrometheus.write(render(drills), to: path)
    }
}
