public import DNSCore
public import Foundation
public import Model

/// The JSON output of `dnsward probe --format json`, schema version 1.
///
/// ```json
/// {
///   "schema": 1,
///   "status": "CRITICAL",
///   "exitCode": 2,
///   "started": "2026-08-22T10:00:00Z",
///   "finished": "2026-08-22T10:00:03Z",
///   "durationSeconds": 3.2,
///   "zones": ["healthy.test", "serial.test"],
///   "resolvers": ["lab-resolver"],
///   "counts": {"OK": 5, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 0},
///   "findings": [{"check": "AUTH-SERIAL", "severity": "CRITICAL", "zone": "serial.test",
///                 "server": "ns2.serial.test", "address": "127.53.2.2", "transport": "udp",
///                 "reason": "serial-lag", "parameters": {"serial": {"kind": "serial", "value": 2026082201}},
///                 "message": "...", "evidence": {"serial": "2026082201"},
///                 "time": "2026-08-22T10:00:01Z"}],
///   "measurements": [{"zone": "serial.test", "server": "ns2.serial.test", "address": "127.53.2.2",
///                     "transport": "udp", "rttSeconds": 0.0012, "serial": 2026082201}],
///   "dnssecExpiry": {"signed.test": "2026-09-01T00:00:00Z"}
/// }
/// ```
///
/// - Keys are sorted; dates are ISO 8601 in UTC to the second (what `jq`'s `fromdate` reads).
/// - `status` is the worst severity (OK < WARNING < UNKNOWN < CRITICAL), `exitCode` its
///   monitoring-plugin code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
/// - `counts` always has all four severities.
/// - `findings` are sorted worst first, then by check, zone, server and address. `zone`,
///   `server`, `address` and `transport` are `null` when the finding has none; `transport`
///   is `"udp"` or `"tcp"`; `reason` is a stable code, `parameters` its typed evidence,
///   `message` their English rendering and `evidence` the parameters as strings.
/// - `measurements` keep the probe's order; `rttSeconds` and `serial` are `null` when the
///   server did not answer.
/// - A consumer should check `schema`: a change that removes or renames a key raises it.
///
/// `ProbeJSONSchema.md` beside this file says the same for the README.
public enum ProbeRunJSON {
    public static let schema = ProbeRun.schemaVersion

    public static func encode(_ run: ProbeRun) throws -> Data {
        try JSONOutput.encoder.encode(Document(run))
    }

    private struct Document: Encodable {
        let schema = ProbeRunJSON.schema
        let status: String
        let exitCode: Int32
        let started: Date
        let finished: Date
        let durationSeconds: Double
        let zones: [String]
        let resolvers: [String]
        let counts: [String: Int]
        let findings: [FindingDocument]
        let measurements: [MeasurementDocument]
        let dnssecExpiry: [String: Date]

        init(_ run: ProbeRun) {
            status = run.status.rawValue
            exitCode = run.status.exitCode
            started = run.started
            finished = run.finished
            durationSeconds = run.durationSeconds
            zones = run.zones
            resolvers = run.resolvers
            counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, run.count($0)) })
            findings = run.findings.sortedWorstFirst().map(FindingDocument.init)
            measurements = run.measurements.map(MeasurementDocument.init)
            dnssecExpiry = run.dnssecExpiry
        }
    }

    /// Absent values are written as `null`, not left out, so every finding has every key.
    private struct FindingDocument: Encodable {
        let finding: Finding

        enum Key: String, CodingKey {
            case check, severity, reason, zone, server, address, transport, message, parameters, evidence, time
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(finding.check.rawValue, forKey: .check)
            try container.encode(finding.severity.rawValue, forKey: .severity)
            try container.encode(finding.reason.rawValue, forKey: .reason)
            try container.encode(finding.zone, forKey: .zone)
            try container.encode(finding.server, forKey: .server)
            try container.encode(finding.address, forKey: .address)
            try container.encode(finding.transport?.rawValue, forKey: .transport)
            try container.encode(finding.message, forKey: .message)
            try container.encode(finding.parameters, forKey: .parameters)
            try container.encode(finding.evidence, forKey: .evidence)
            try container.encode(finding.time, forKey: .time)
        }
    }

    private struct MeasurementDocument: Encodable {
        let measurement: Model.Measurement

        enum Key: String, CodingKey {
            case zone, server, address, transport, rttSeconds, serial
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(measurement.zone, forKey: .zone)
            try container.encode(measurement.server, forKey: .server)
            try container.encode(measurement.address, forKey: .address)
            try container.encode(measurement.transport.rawValue, forKey: .transport)
            try container.encode(measurement.rtt, forKey: .rttSeconds)
            try container.encode(measurement.serial, forKey: .serial)
        }
    }
}
