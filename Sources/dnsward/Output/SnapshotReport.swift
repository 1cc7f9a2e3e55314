import Backup
import DNSCore
import Foundation

/// One line per zone for people; JSON for machines.
struct SnapshotReport: Encodable {
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
        notes = manifest.verification.notes
        attempts = result.attempts
        chainChecked = manifest.chainChecked
    }

    init(zone: String, error: String) {
        self.zone = zone
        status = "failed"
        snapshot = nil
        serial = nil
        method = nil
        source = nil
        records = nil
        usableUntil = nil
        problems = [error]
        notes = []
        attempts = []
        chainChecked = nil
    }

    var text: String {
        switch status {
        case "ok":
            var line = "OK \(zone) serial \(serial ?? 0): \(records ?? 0) records by \(method ?? "?") from \(source ?? "?") -> \(snapshot ?? "")"
            if let usableUntil { line += ", usable until \(ISO8601DateFormatter().string(from: usableUntil))" }
            if method == "harvest" { line += " (partial: AXFR refused)" }
            if chainChecked == false { line += " (chain not checked)" }
            return ([line] + notes.map { "  note: \($0)" }).joined(separator: "\n")
        case "refused":
            return (["REFUSED \(zone) serial \(serial ?? 0) (\(snapshot ?? "")): latest unchanged"] + problems.map { "  \($0)" }).joined(separator: "\n")
        default:
            return "FAILED \(zone): " + problems.joined(separator: "; ")
        }
    }

    static func json(_ reports: [SnapshotReport]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(["schema": AnyEncodable(1), "snapshots": AnyEncodable(reports)])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
