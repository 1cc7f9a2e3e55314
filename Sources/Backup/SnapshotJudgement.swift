import DNSCore
import Foundation
import Model

/// The judgement of a verified-on-disk copy against the zone's good copies: serial not
/// older, no large loss of records, and a partial copy never silently in place of a full
/// one. `problems` refuse the copy; `notes` are worth a look.
struct SnapshotJudgement {
    var problems: [String] = []
    var notes: [String] = []
    var added = 0
    var removed = 0

    init(report: SnapshotVerifier.Verification, written: Int, method: SnapshotManifest.Method, history: SnapshotHistory,
         delegationSigner: [ResourceRecord], request: SnapshotRequest, store: SnapshotStore) {
        let zone = request.zone
        problems = report.problems
        added = report.recordCount
        if report.recordCount != written {
            problems.append("read back \(report.recordCount) records, wrote \(written)")
        }
        if let lastGood = history.lastGood, let serial = report.serial, SOASerial(lastGood.serial).compare(serial) == .greater {
            problems.append("serial \(serial) is older than the last good snapshot's \(lastGood.serial) (RFC 1982)")
        }
        if method == .harvest, let full = history.lastGood, full.method == .axfr {
            if request.allowHarvestOverAXFR {
                notes.append("a partial copy (\(report.recordCount) records) replaces the full copy \(full.id) (\(full.recordCount) records) as latest, as --allow-harvest-over-axfr asks; the full copy is kept")
            } else {
                problems.append("a harvest (a partial copy of \(report.recordCount) records) may not replace the full copy \(full.id) (\(full.recordCount) records) as latest; --allow-harvest-over-axfr allows it")
            }
        } else if method == .harvest, let full = history.newestFull {
            notes.append("latest stays partial; the full copy \(full.id) (\(full.recordCount) records) is kept")
        }
        for (index, baseline) in baselines(method: method, history: history).enumerated() {
            compare(with: baseline, report: report, zone: zone, store: store, limit: request.maxRecordLoss, primary: index == 0)
        }
        if let oldDS = history.lastGood?.delegationSigner, Set(oldDS) != Set(delegationSigner.map(\.description)) {
            notes.append("the parent's DS set changed")
        }
    }

    /// What a copy is compared with: a full transfer with the newest good full transfer
    /// (a harvest in between must not lower the bar) and with a newer good harvest too;
    /// a harvest with the newest good harvest (a full copy is no measure of a partial one).
    private func baselines(method: SnapshotManifest.Method, history: SnapshotHistory) -> [SnapshotManifest] {
        switch method {
        case .axfr:
            var list = [history.newestFull ?? history.lastGood].compactMap { $0 }
            if let harvest = history.newestHarvest, let full = history.newestFull, Self.order(harvest) > Self.order(full) {
                list.append(harvest)
            }
            return list
        case .harvest:
            return [history.newestHarvest].compactMap { $0 }
        }
    }

    /// Snapshots in the order they were taken (their names say when).
    private static func order(_ manifest: SnapshotManifest) -> SnapshotFileName {
        SnapshotFileName(parsing: manifest.file) ?? SnapshotFileName(time: "", serial: 0)
    }

    private mutating func compare(with baseline: SnapshotManifest, report: SnapshotVerifier.Verification, zone: DomainName,
                                  store: SnapshotStore, limit: Double, primary: Bool) {
        let path = store.zonePath(baseline, zone: zone)
        let old: SnapshotVerifier.Verification
        do {
            old = try SnapshotVerifier(zone: zone, delegationSigner: [], partial: true).verify(path: path)
        } catch {
            notes.append("not compared with the last good copy \(baseline.id): \(error)")
            return
        }
        let kept = old.fingerprints.intersection(report.fingerprints).count
        let gone = old.recordCount - kept
        if primary {
            removed = gone
            added = report.recordCount - kept
        }
        let loss = old.recordCount == 0 ? 0 : Double(gone) / Double(old.recordCount)
        if loss > limit {
            let percent = { (value: Double) in String(format: "%.1f%%", value * 100) }
            problems.append("\(gone) of \(old.recordCount) records (\(percent(loss))) gone since the last good snapshot \(baseline.id) "
                + "(a \(baseline.method == .axfr ? "full" : "partial") copy; limit \(percent(limit))): refused as a truncated or hijacked copy")
        }
        if primary, Set(old.nameServers) != Set(report.nameServers) {
            notes.append("apex NS set changed: " + report.nameServers.map(\.description).sorted().joined(separator: " "))
        }
    }
}
