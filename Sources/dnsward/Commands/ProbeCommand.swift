import ArgumentParser
import DNSCore
import Foundation
import Probe
import Report
import Restore
import Model
import History

/// `dnsward probe`: run the checks once, print findings, write metrics and history, and
/// exit with the monitoring-plugin code. Made for cron.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check authoritative and recursive servers (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
        discussion: "Check IDs and the JSON schema are listed in the README."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("zone"), help: "A zone to probe (repeatable); added to the configuration's zones.")
    var zones: [String] = []

    @Option(name: .customLong("resolver"), help: "A recursive resolver to check (repeatable), ADDR[@PORT].")
    var resolvers: [String] = []

    @Option(name: .long, help: "Root hints file (root.hints format); default: the IANA root servers.")
    var rootHints: String?

    @Option(name: .long, help: "Seconds after which the run ends whatever happens; unfinished checks are UNKNOWN.")
    var deadline: Double?

    @Option(name: .long, help: "Seconds to wait for each query attempt.")
    var timeout: Double?

    @Option(name: .long, help: "Write Prometheus metrics (textfile collector format) to this file, atomically.")
    var prometheus: String?

    @OptionGroup var historyOptions: HistoryOptions

    func run() async throws {
        let setup: ProbeSetup
        do {
            setup = try ProbeSetup(command: self)
        } catch {
            // Bad input is UNKNOWN in the monitoring convention, never a crash.
            print("DNSWARD UNKNOWN - \(error)")
            throw ExitCode(Severity.unknown.exitCode)
        }
        let history: HistoryStore?
        do {
            history = try setup.historyPath.map { try HistoryStore(path: $0) }
        } catch {
            print("DNSWARD UNKNOWN - \(error)")
            throw ExitCode(Severity.unknown.exitCode)
        }
        var serialHistory: (@Sendable (String, UInt32) -> SerialHistory?)?
        if let history {
            serialHistory = { zone, serial in
                guard let seen = try? history.firstSeen(zone: zone, serial: serial) else { return nil }
                return SerialHistory(firstSeen: seen, zoneFirstSeen: (try? history.zoneFirstSeen(zone)) ?? seen)
            }
        }
        let prober = Prober(configuration: setup.configuration, serialHistory: serialHistory)
        let started = Date()
        let outputs: ProbeOutputs
        do {
            outputs = try ProbeOutputs(
                history: history, prometheusPath: setup.prometheusPath, started: started,
                zones: setup.configuration.zones.count, resolvers: setup.configuration.resolvers.map(\.name),
                keepAll: global.format == .json, keepZones: Set(setup.fallbacks.map { $0.zone.name.description }))
        } catch {
            print("DNSWARD UNKNOWN - \(error)")
            throw ExitCode(Severity.unknown.exitCode)
        }
        // Batches go to the history and the metrics as the run goes: a run over many zones
        // never holds every finding.
        let frame = await prober.run(started: started) { batch in await outputs.add(batch) }
        if !setup.fallbacks.isEmpty {
            let fallback = await FallbackWiring.run(setup.fallbacks, after: await outputs.tally.run(frame), history: history)
            await outputs.add(ProbeBatch(zone: nil, findings: fallback))
        }
        let tally = await outputs.finish(frame)
        switch global.format {
        case .text:
            print(StatusLine.render(tally, zones: frame.zones.count, warning: setup.latencyWarning, critical: setup.latencyCritical))
        case .json:
            print(String(decoding: try ProbeRunJSON.encode(tally.run(frame)), as: UTF8.self))
        }
        throw ExitCode(tally.status.exitCode)
    }
}

extension ProbeCommand: BadInputReporting {
    /// Bad input is UNKNOWN in the monitoring convention, whoever finds it.
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32 {
        print("DNSWARD UNKNOWN - \(message.replacingOccurrences(of: "\n", with: " "))")
        return Severity.unknown.exitCode
    }
}
