public import DNSCore
public import Foundation
import Platform
import Model

/// Whether a snapshot may be put into service: verified, unchanged since it was taken,
/// and (when signed) still inside its signatures' validity. `force` overrides a refusal,
/// and says so loudly in every result that follows.
public struct SnapshotAdmission: Sendable, Codable, Equatable {
    /// Why the snapshot would be refused; empty when it is fine.
    public let problems: [String]
    /// True when problems were overridden with `force`.
    public let forced: Bool
    /// Worth knowing, not a reason to refuse (e.g. signatures expiring within a day).
    public let notes: [String]

    public var admitted: Bool { problems.isEmpty || forced }

    /// What the operator must not miss when a refusal was overridden.
    public var warnings: [String] {
        forced ? problems.map { "FORCED: restoring a snapshot that would have been refused: \($0)" } : []
    }

    public init(problems: [String], forced: Bool, notes: [String]) {
        self.problems = problems
        self.forced = forced && !problems.isEmpty
        self.notes = notes
    }

    /// Checks the manifest against the file on disk and the clock. A missing or unreadable
    /// file cannot be forced: there is nothing to restore.
    public static func check(_ snapshot: RestoreSnapshot, now: Date = Date(), force: Bool) throws(RestoreError) -> SnapshotAdmission {
        let manifest = snapshot.manifest
        var problems: [String] = []
        var notes: [String] = []
        if (try? DomainName(manifest.zone)) != snapshot.zone {
            problems.append("its manifest is for zone '\(manifest.zone)', not \(snapshot.zone)")
        }
        if !manifest.verification.passed {
            let why = manifest.verification.problems.isEmpty ? "" : ": " + manifest.verification.problems.joined(separator: "; ")
            problems.append("snapshot \(manifest.id) failed verification\(why)")
        }
        let actual: String
        do {
            actual = try SHA256Digest.file(snapshot.zoneFilePath, links: .refuse)
        } catch {
            throw RestoreError(.refused, "cannot read snapshot file \(snapshot.zoneFilePath): \(error)")
        }
        if actual.lowercased() != manifest.sha256.lowercased() {
            problems.append("\(snapshot.zoneFilePath) was changed after the snapshot was taken (SHA-256 \(actual), manifest says \(manifest.sha256))")
        }
        if let until = manifest.usableUntil {
            if until <= now {
                problems.append("its signatures expired at \(Self.format(until)): a validating resolver rejects the copy")
            } else if until.timeIntervalSince(now) < 86_400 {
                notes.append("its signatures expire at \(Self.format(until)), in less than a day")
            }
        }
        return SnapshotAdmission(problems: problems, forced: force, notes: notes)
    }

    /// Throws `.refused` unless admitted.
    public func enforce(zone: DomainName) throws(RestoreError) {
        guard admitted else {
            throw RestoreError(.refused, "refusing to restore \(zone): " + problems.joined(separator: "; ") + " (--force overrides)")
        }
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
