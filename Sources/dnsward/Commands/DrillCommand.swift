import ArgumentParser
import DNSCore
import Foundation
import Model
import Report
import Restore

/// `dnsward drill`: serve each zone's latest verified backup from a private resolver and
/// check it answers as the backup says, without touching production.
struct DrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Prove every backup can be served: a private Unbound per zone, no path to the authorities (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).",
        discussion: """
        For each zone's latest verified snapshot: a private Unbound on a free loopback address \
        and port serves the copy as an auth-zone, with no working path to any authority; every \
        critical name (the apex SOA, NS and, when signed, DNSKEY, plus the configuration's \
        critical: names) must be answered as the snapshot has it. A signed copy must validate \
        (AD) from --trust-anchor, through the snapshots of its parent zones in the store. The time \
        from starting the resolver to its first answer is measured; the resolver is stopped by its \
        pid. Each zone's drill is recorded in the history (the report's "last drill").

        Zones: --zone, else the configuration's zones, else every zone in the store.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .customLong("zone"), help: "Zone to drill (repeatable); default: the configuration's zones, else every zone in the store.")
    var zones: [String] = []

    @Option(name: .long, help: "The snapshot store; default: the configuration's zones_dir, else zones.")
    var zonesDir: String?

    @Option(name: .long, help: "Trust anchor file (DS or DNSKEY lines) signed copies must validate from; default: the configuration's drill.trust_anchor.")
    var trustAnchor: String?

    @Option(name: .long, help: "Root hints for the private resolver (it is kept from asking any server); default: the configuration's root_hints, else Unbound's own.")
    var rootHints: String?

    @Option(name: .long, help: "Seconds the private resolver may take to give its first answer.")
    var startTimeout: Double?

    @Option(name: .customLong("critical"), help: "NAME/TYPE every drilled zone containing it must answer from its backup (repeatable), beside the configuration's critical names.")
    var critical: [String] = []

    @Option(name: .long, help: "Write Prometheus metrics (textfile collector format) to this file, atomically.")
    var prometheus: String?

    func run() async throws {
        let drill: Drill
        let historyPath: String?
        var notes: [String] = []
        do {
            var config: DNSWardConfig?
            if let path = global.config { config = try DNSWardConfig.load(from: path) }
            let anchor = trustAnchor ?? config?.drill.trustAnchor
            if let anchor, !FileManager.default.isReadableFile(atPath: anchor) {
                throw SetupError("--trust-anchor \(anchor): no such readable file")
            }
            let store = SnapshotStore(root: try StoreLocation.resolve(option: zonesDir, config: config))
            var names: [DomainName]
            if !zones.isEmpty {
                names = try zones.map { try StoreLocation.zone($0) }
            } else if let configured = config?.zones, !configured.isEmpty {
                names = configured.map(\.name)
            } else {
                let stored = try store.storedZones()
                notes += stored.ignored
                names = stored.zones.map(\.zone)
            }
            guard !names.isEmpty else { throw SetupError("no zones to drill: \(store.root) holds no snapshots (dnsward snapshot makes them)") }
            var questions: [DomainName: [CriticalQuestion]] = [:]
            for zone in config?.zones ?? [] {
                questions[zone.name] = zone.critical.flatMap { entry in entry.types.map { CriticalQuestion(name: entry.name, type: $0) } }
            }
            for text in critical {
                let question: CriticalQuestion
                do { question = try CriticalQuestion(parsing: text) } catch { throw SetupError("--critical \(error.message)") }
                // The name belongs to the innermost zone drilled that holds it, not to its parents.
                if let zone = names.filter({ question.name.isSubdomain(of: $0) }).max(by: { $0.labels.count < $1.labels.count }) {
                    questions[zone, default: []].append(question)
                }
            }
            let timeout = try startTimeout.map { try NumberLimits.drillStartTimeout.check($0, option: "--start-timeout") }
                ?? config?.drill.startTimeout ?? 20
            let hints = rootHints ?? config?.rootHints
            if let hints, !FileManager.default.isReadableFile(atPath: hints) {
                throw SetupError("--root-hints \(hints): no such readable file")
            }
            drill = Drill(store: store, zones: names, trustAnchorFile: anchor, rootHintsFile: hints, critical: questions,
                          startTimeout: .milliseconds(Int64(timeout * 1000)))
            historyPath = config?.history
        } catch {
            Self.printUnknown("\(error)", json: global.format == .json)
            throw ExitCode(Severity.unknown.exitCode)
        }
        var result: DrillResult
        do {
            result = try await drill.run()
        } catch {
            Self.printUnknown(error.message, json: global.format == .json)
            throw ExitCode(Severity.unknown.exitCode)
        }
        result.notes += notes
        let events = result.zones.map { RestoreEvent($0) }
        let history = HistoryWriter(historyOptions, configured: historyPath)
        for event in events { history.record(event) }
        if let path = prometheus {
            do {
                try DrillPrometheus.write(events, to: path)
            } catch {
                FileHandleOutput.error("dnsward: warning: cannot write metrics to \(path): \(error)")
            }
        }
        switch global.format {
        case .text: print(result.text)
        case .json: print(JSONOutput.text(result))
        }
        throw ExitCode(result.status.exitCode)
    }

    static func printUnknown(_ message: String, json: Bool) {
        if json {
            print(JSONOutput.text(["schema": AnyEncodable(DrillResult.schemaVersion),
                                   "error": AnyEncodable(["message": message])]))
        } else {
            print("DRILL UNKNOWN - \(message.replacingOccurrences(of: "\n", with: " "))")
        }
    }
}

extension DrillCommand: BadInputReporting {
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32 {
        printUnknown(message, json: wantsJSON(arguments))
        return Severity.unknown.exitCode
    }
}
