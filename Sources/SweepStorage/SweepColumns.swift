import DNSCore
import Foundation
import Model

/// How both stores write the fields of a work item and a finding into columns, so a run
/// reads the same from SQLite and PostgreSQL.
enum SweepColumns {
    /// NS names joined by spaces: a name in presentation form has no bare space (a space
    /// in a label is written `\032`).
    static func names(_ names: [String]) -> String { names.joined(separator: " ") }
    static func names(_ column: String) -> [String] { column.split(separator: " ").map(String.init) }

    /// DS rdata joined by newlines (presentation rdata has spaces, never a newline).
    static func ds(_ records: [String]) -> String { records.joined(separator: "\n") }
    static func ds(_ column: String) -> [String] { column.split(separator: "\n").map(String.init) }

    static func parameters(_ parameters: FindingParameters) throws -> String {
        String(decoding: try encoder.encode(parameters), as: UTF8.self)
    }

    /// A stored finding; its English message is rendered again from reason and parameters
    /// (the message is not stored: it is the largest field and says nothing new).
    static func finding(zone: String, check: String, severity: String, reason: String, server: String?, address: String?,
                        transport: String?, parameters: String, time: Date) throws -> Finding {
        guard let severity = Severity(rawValue: severity) else { throw Corrupt(column: "sweep_finding.severity", value: severity) }
        let transport = try transport.map { text in
            guard let value = TransportProtocol(rawValue: text) else { throw Corrupt(column: "sweep_finding.transport", value: text) }
            return value
        }
        return Finding(check: CheckID(check), severity: severity, reason: Reason(reason),
                       parameters: try decoder.decode(FindingParameters.self, from: Data(parameters.utf8)),
                       zone: zone, server: server, address: address, transport: transport, time: time)
    }

    static func severity(_ text: String, column: String) throws -> Severity {
        guard let value = Severity(rawValue: text) else { throw Corrupt(column: column, value: text) }
        return value
    }

    static func source(kind: String, path: String) throws -> SweepSource {
        guard let kind = SweepSource.Kind(rawValue: kind) else { throw Corrupt(column: "sweep_run.source_kind", value: kind) }
        return SweepSource(kind, path: path)
    }

    /// Glue rows as the claim hands them out: NS name -> addresses, in address order.
    static func glue(_ rows: [(name: String, address: String)]) -> [String: [String]] {
        var glue: [String: [String]] = [:]
        for row in rows { glue[row.name, default: []].append(row.address) }
        return glue.mapValues { $0.sorted() }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    struct Corrupt: Error, CustomStringConvertible {
        let column: String
        let value: String
        var description: String { "unexpected \(column) '\(value)'" }
    }
}
