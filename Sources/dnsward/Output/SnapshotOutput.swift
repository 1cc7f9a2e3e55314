import Backup
import DNSCore
import Foundation
import Model

/// One line per zone for people; JSON for machines.
struct SnapshotOutput: Encodable {
    let zone: String
    let status: String
    let snapshot: String?
    let serial: UInt32?
    let method: String?
    let source: String?
    let records: Int?
    let usableUntil: Date?
    let problems: [String]
    let notes: [String]
    let attempts: [String]
    /// False when the parent's DS could not be fetched and the copy was kept anyway.
    let chainChecked: Bool?
    /// Why the copy is partial (a harvest), in the servers' own words.
    let partialReason: String?
    /// Where the copy is: the zone's directory, or `refused/` for a refused one.
    let path: String?
    /// What `latest` points at after the run when this copy was refused.
    let latest: String?
    let warnings: [String]
    /// For a failure: `tsig`, `transfer`, `locked`, ... (DNSCoreError codes).
    let errorCode: String?

    init(_ result: SnapshotResult) {
        let manifest = result.manifest
        zone = manifest.zone
        status = result.promoted ? "ok" : "refused"
        snapshot = manifest.id
        serial = manifest.serial
        method = manifest.method.rawValue
        source = "\(manifest.sourceServer) \(manifest.sourceAddress)"
        records = manifest.recordCount
        usableUntil = manifest.usableUntil
        problems = manifest.verification.problems
        notes = result.notes + manifest.verification.notes
        attempts = result.attempts
        chainChecked = manifest.chainChecked
        partialReason = result.partialReason
        path = result.path
        latest = result.promoted ? manifest.id : result.previousLatest
        warnings = result.warnings
        errorCode = nil
    }

    init(zone: String, error: any Error) {
        self.zone = zone
        status = "failed"
        snapshot = nil
        serial = nil
        method = nil
        source = nil
        records = nil
        usableUntil = nil
        problems = ["\(error)"]
        notes = []
        attempts = []
        chainChecked = nil
        partialReason = nil
        path = nil
        latest = nil
        warnings = []
        errorCode = (error as? DNSCoreError)?.code.rawValue
    }

    var text: String {
        var lines: [String]
        switch status {
        case "ok":
            var line = "OK \(zone) serial \(serial ?? 0): \(records ?? 0) records by \(method ?? "?") from \(source ?? "?") -> \(snapshot ?? "")"
            if let usableUntil { line += ", usable until \(ISO8601DateFormatter().string(from: usableUntil))" }
            if let partialReason { line += " (partial: \(partialReason))" }
            if chainChecked == false { line += " (chain not checked)" }
            lines = [line] + notes.map { "  note: \($0)" }
        case "refused":
            let kept = path.map { " kept in \($0) for inspection;" } ?? ""
            let unchanged = latest.map { "latest unchanged (\($0))" } ?? "no latest yet"
            lines = ["REFUSED \(zone) serial \(serial ?? 0) (\(snapshot ?? "")):\(kept) \(unchanged)"] + problems.map { "  \($0)" }
                + notes.map { "  note: \($0)" }
        default:
            let label = errorCode == DNSCoreError.Code.tsig.rawValue ? "FAILED (TSIG)" : "FAILED"
            lines = ["\(label) \(zone): " + problems.joined(separator: "; ")]
        }
        return (lines + warnings.map { "  warning: \($0)" }).joined(separator: "\n")
    }

    static func json(_ reports: [SnapshotOutput]) -> String {
        let data = (try? JSONOutput.encoder.encode(["schema": AnyEncodable(1), "snapshots": AnyEncodable(reports)])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
