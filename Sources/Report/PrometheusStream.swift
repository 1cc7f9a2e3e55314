import DNSCore
import Foundation
import Platform
public import Model

/// The same metrics as `PrometheusExposition`, written batch by batch as a run goes, so a
/// run over many zones never holds its samples: each per-zone family goes to its own
/// temporary file beside the target, and `finish` joins them, with the run's own families,
/// into the file, atomically (temporary file, fsync, rename).
///
/// Samples of a batch are sorted; batches come in the order the run finished them. Every
/// series comes from one batch (a zone's, or one resolver check's: see `ProbeBatch`), so
/// none repeats.
public final class PrometheusStream {
    private struct Part {
        let name: String
        let help: String
        let labels: [String]
        let path: String
        let handle: FileHandle
        var samples = 0
        /// Samples not yet written: one write per `flushBytes`, not one per batch (ten
        /// thousand zones were sixty thousand small writes).
        var pending = ""
    }

    private static let flushBytes = 256 * 1024

    public let path: String
    private var parts: [Part] = []
    private var finished = false

    private static let families: [(String, String, [String])] = [
        ("dnsward_check_status",
         "Worst severity of a check per zone, server and address (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
         ["check", "zone", "server", "address"]),
        ("dnsward_server_rtt_seconds", "Round-trip time of the SOA query to the server.",
         ["zone", "server", "address", "transport"]),
        ("dnsward_soa_serial", "SOA serial the server answered.", ["zone", "server", "address"]),
        ("dnsward_serial_lag_seconds",
         "How long the server has served an older serial than the zone's newest (0 when it serves the newest).",
         ["zone", "server", "address"]),
        ("dnsward_serial_behind", "RFC 1982 distance from the serial the server serves to the zone's newest.",
         ["zone", "server", "address"]),
        ("dnsward_dnssec_earliest_expiry_timestamp_seconds", "Earliest RRSIG expiration seen in the zone, as a Unix timestamp.",
         ["zone"]),
    ]

    /// Creates the temporary files beside `path` (their names do not end in `.prom`, so the
    /// textfile collector never reads them).
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        do {
            for (index, (name, help, labels)) in Self.families.enumerated() {
                let part = (directory.isEmpty ? "" : directory + "/") + ".\(base).\(getpid()).\(index).part"
                guard FileManager.default.createFile(atPath: part, contents: nil, attributes: [.posixPermissions: 0o600]),
                      let handle = FileHandle(forWritingAtPath: part) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: part])
                }
                parts.append(Part(name: name, help: help, labels: labels, path: part, handle: handle))
            }
        } catch {
            discard()
            throw error
        }
    }

    deinit {
        if !finished { discard() }
    }

    public func add(_ batch: ProbeBatch) throws {
        var worst: [[String]: Severity] = [:]
        for finding in batch.findings {
            let key = [finding.check.rawValue, finding.zone ?? "", finding.server ?? "", finding.address ?? ""]
            worst[key] = max(worst[key] ?? finding.severity, finding.severity)
        }
        try write(0, worst.mapValues { Double($0.exitCode) })

        // Several measurements of one series keep the slowest: an alert on latency should
        // not be hidden by a lucky retry.
        var slowest: [[String]: Double] = [:]
        for measurement in batch.measurements {
            guard let seconds = measurement.rtt else { continue }
            let key = [measurement.zone, measurement.server, measurement.address, measurement.transport.rawValue]
            slowest[key] = max(slowest[key] ?? seconds, seconds)
        }
        try write(1, slowest)

        // UDP first: it is what resolvers ask. The TCP serial only stands in when UDP got no
        // answer, so a server reachable over TCP alone still shows its serial.
        var serials: [[String]: Double] = [:]
        for transport in [TransportProtocol.udp, .tcp] {
            for measurement in batch.measurements where measurement.transport == transport {
                guard let value = measurement.serial else { continue }
                let key = [measurement.zone, measurement.server, measurement.address]
                if serials[key] == nil { serials[key] = Double(value) }
            }
        }
        try write(2, serials)

        // As in `PrometheusExposition`: the AUTH-SERIAL findings say how long and how far a
        // server lags (a lag of unknown duration has no seconds); every other server that
        // answered over UDP serves the newest serial. A zone's findings and measurements come
        // in one batch, so the findings' values win here as they do there.
        var lag: [[String]: Double] = [:]
        var behind: [[String]: Double] = [:]
        for finding in batch.findings where finding.check == .authSerial {
            let labels = [finding.zone ?? "", finding.server ?? "", finding.address ?? ""]
            if finding.reason == .serialLag, lag[labels] == nil { lag[labels] = finding.parameters.seconds("lag") }
            if finding.parameters.has("distance"), behind[labels] == nil {
                behind[labels] = Double(finding.parameters.integer("distance"))
            }
        }
        for measurement in batch.measurements where measurement.transport == .udp && measurement.serial != nil {
            let labels = [measurement.zone, measurement.server, measurement.address]
            if lag[labels] == nil { lag[labels] = 0 }
            if behind[labels] == nil { behind[labels] = 0 }
        }
        try write(3, lag)
        try write(4, behind)

        if let zone = batch.zone, let expiry = batch.dnssecExpiry {
            try write(5, [[zone]: expiry.timeIntervalSince1970])
        }
    }

    /// Writes the file: the per-zone families, then the run's own.
    public func finish(_ frame: ProbeRunFrame, tally: RunTally) throws {
        var out = DurableFile?.none
        do {
            let file = try DurableFile(beside: path)
            out = file
            for index in parts.indices {
                try flush(index)
                // Scratch: only the joined file needs to survive a crash.
                try parts[index].handle.close()
                guard parts[index].samples > 0 else { continue }
                try file.write(Array("# HELP \(parts[index].name) \(parts[index].help)\n# TYPE \(parts[index].name) gauge\n".utf8))
                try Self.copy(parts[index].path, to: file)
            }
            var text = ""
            var findings = PrometheusFamily("dnsward_findings", help: "Findings of the last run per severity.", labels: ["severity"])
            for severity in Severity.allCases { findings.add([severity.rawValue], Double(tally.count(severity))) }
            findings.render(into: &text)
            var runStatus = PrometheusFamily(
                "dnsward_run_status", help: "Worst severity of the last run (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")
            runStatus.add(Double(tally.status.exitCode))
            runStatus.render(into: &text)
            var finishedAt = PrometheusFamily("dnsward_last_run_timestamp_seconds", help: "When the last run finished, as a Unix timestamp.")
            finishedAt.add(frame.finished.timeIntervalSince1970)
            finishedAt.render(into: &text)
            var duration = PrometheusFamily("dnsward_run_duration_seconds", help: "How long the last run took.")
            duration.add(max(0, frame.finished.timeIntervalSince(frame.started)))
            duration.render(into: &text)
            var zones = PrometheusFamily("dnsward_zones", help: "Zones checked by the last run.")
            zones.add(Double(frame.zones.count))
            zones.render(into: &text)
            try file.write(Array(text.utf8))
            try file.commit(to: path)
            out = nil
        } catch {
            out?.discard()
            discard()
            throw error
        }
        discard()
    }

    /// Removes the temporary files.
    public func discard() {
        finished = true
        for part in parts {
            try? part.handle.close()
            unlink(part.path)
        }
        parts = []
    }

    private func write(_ index: Int, _ samples: [[String]: Double]) throws {
        guard !samples.isEmpty else { return }
        let (name, labelNames) = (parts[index].name, parts[index].labels)
        for labels in samples.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var line = name + "{"
            for (position, (label, value)) in zip(labelNames, labels).enumerated() {
                line += (position > 0 ? "," : "") + label + "=\"" + PrometheusFamily.escapeLabelValue(value) + "\""
            }
            line += "} " + PrometheusFamily.format(samples[labels]!) + "\n"
            parts[index].pending += line
        }
        parts[index].samples += samples.count
        if parts[index].pending.utf8.count >= Self.flushBytes { try flush(index) }
    }

    private func flush(_ index: Int) throws {
        guard !parts[index].pending.isEmpty else { return }
        try parts[index].handle.write(contentsOf: Data(parts[index].pending.utf8))
        parts[index].pending = ""
    }

    private static func copy(_ source: String, to file: DurableFile) throws {
        guard let handle = FileHandle(forReadingAtPath: source) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: source])
        }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try file.write($0) }
        }
    }
}
