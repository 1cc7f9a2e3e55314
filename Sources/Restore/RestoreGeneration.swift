public import DNSCore
public import Foundation
import Model

/// The configuration for a snapshot without installing it: what `dnsward restore` prints
/// when neither `--apply` nor `--undo` is given. A snapshot that would be refused is
/// refused here too, so no one copies a refused backup into a resolver by hand.
public enum RestoreGeneration {
    public static func report(
        for snapshot: RestoreSnapshot, resolver: ResolverKind, mode: RestoreMode, directory: String,
        authority: ServerAddress? = nil, force: Bool = false, now: Date = Date()
    ) async throws(RestoreError) -> RestoreResult {
        let admission = try SnapshotAdmission.check(snapshot, now: now, force: force)
        try admission.enforce(zone: snapshot.zone)
        let fragment = try ResolverFragment.make(
            for: snapshot, resolver: resolver, mode: mode, directory: directory, authority: authority)
        var report = RestoreResult(zone: snapshot.zone, resolver: resolver, outcome: .generated)
        report.mode = mode
        report.snapshot = snapshot.id
        report.serial = snapshot.manifest.serial
        report.admission = admission
        report.warnings = admission.warnings
        report.fragment = fragment
        if resolver == .bind {
            // BIND's own tools are the judge of what BIND will load.
            let problems = try await BINDConfigCheck.problems(fragment: fragment.text, zone: snapshot.zone, zoneFile: snapshot.zoneFilePath)
            guard problems.isEmpty else {
                throw RestoreError(.badInput, "BIND rejects the generated configuration: " + problems.joined(separator: "; "))
            }
            report.steps.append("named-checkconf and named-checkzone accept it")
        }
        if let copy = fragment.zoneFileCopy {
            report.nextStep = "copy \(snapshot.zoneFilePath) to \(copy) and write this as \(fragment.installedPath)"
        } else {
            report.nextStep = "write this as \(fragment.installedPath)"
        }
        return report
    }
}
