public import DNSCore
public import Foundation
import Platform
public import Model

/// Re-checks a snapshot on disk: is the file still the one the manifest describes, does it
/// still parse and verify, and until when can a validating resolver use it.
public struct SnapshotAudit: Sendable, Encodable {
    public enum Status: String, Sendable, Codable {
        /// Verified and its signatures valid beyond the warning window.
        case servable
        /// Servable, but signatures expire within the window.
        case expiring
        /// Signatures expired: a validating resolver will reject it.
        case expired
        /// Failed verification when taken, or fails now (hash, parse, signatures).
        case failed
    }

    public let zone: String
    public let id: String
    public let isLatest: Bool
    public let status: Status
    public let usableUntil: Date?
    public let problems: [String]
    /// False when the copy was kept without its parent's DS (`--no-chain-check`): what
    /// it says about DNSSEC is not anchored.
    public let chainChecked: Bool
    /// A harvest: only the critical names and the apex, not the whole zone.
    public var partial: Bool
    /// True for a partial `latest` that took the place of a full copy (kept beside it).
    public var replacedFullCopy: Bool
    /// What to know that does not fail it (partial, what it replaced).
    public var notes: [String]

    public init(zone: String, id: String, isLatest: Bool, status: Status, usableUntil: Date?, problems: [String],
                chainChecked: Bool = true, partial: Bool = false, replacedFullCopy: Bool = false, notes: [String] = []) {
        self.zone = zone
        self.id = id
        self.isLatest = isLatest
        self.status = status
        self.usableUntil = usableUntil
        self.problems = problems
        self.chainChecked = chainChecked
        self.partial = partial
        self.replacedFullCopy = replacedFullCopy
        self.notes = notes
    }

    /// Audits one snapshot; `window` is how early an approaching expiry counts.
    public static func audit(_ manifest: SnapshotManifest, in store: SnapshotStore, zone: DomainName, isLatest: Bool,
                             now: Date = Date(), window: TimeInterval = 7 * 86_400) -> SnapshotAudit {
        let partial = manifest.method == .harvest
        let notes = partial ? ["partial: a harvest of \(manifest.recordCount) records (apex and critical names), not the whole zone"] : []
        guard manifest.verification.passed else {
            return SnapshotAudit(zone: zone.description, id: manifest.id, isLatest: isLatest, status: .failed,
                                 usableUntil: manifest.usableUntil,
                                 problems: ["failed verification when taken: " + manifest.verification.problems.joined(separator: "; ")],
                                 chainChecked: manifest.chainChecked != false, partial: partial, notes: notes)
        }
        var problems: [String] = []
        let path = store.zonePath(manifest, zone: zone)
        do {
            let hash = try SHA256Digest.file(path, links: .refuse)
            if hash != manifest.sha256 {
                problems.append("SHA-256 of \(path) is \(hash), the manifest says \(manifest.sha256): the file was changed")
            }
            let ds = (manifest.delegationSigner ?? []).compactMap { try? ResourceRecord(parsing: $0) }
            // Signatures are checked as of when the copy was taken (they verified then);
            // their expiry is judged below, with a status of its own.
            let report = try SnapshotVerifier(zone: zone, delegationSigner: ds, now: manifest.started, partial: manifest.method == .harvest)
                .verify(path: path, keepFingerprints: false)
            problems += report.problems
            if report.recordCount != manifest.recordCount {
                problems.append("\(report.recordCount) records on disk, the manifest says \(manifest.recordCount)")
            }
        } catch {
            problems.append("\(error)")
        }
        let status: Status
        if !problems.isEmpty {
            status = .failed
        } else if let until = manifest.usableUntil, until <= now {
            status = .expired
        } else if let until = manifest.usableUntil, until.timeIntervalSince(now) < window {
            status = .expiring
        } else {
            status = .servable
        }
        return SnapshotAudit(zone: zone.description, id: manifest.id, isLatest: isLatest, status: status,
                             usableUntil: manifest.usableUntil, problems: problems, chainChecked: manifest.chainChecked != false,
                             partial: partial, notes: notes)
    }
}
