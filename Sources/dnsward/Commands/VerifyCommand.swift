import ArgumentParser
import Backup
import DNSCore
import Foundation
import Model
import Report

/// `dnsward verify`: re-check every snapshot on disk and say which can still be served.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify snapshots on disk (exit 0 every latest servable, 1 one expiring soon or partial in place of a full copy, 2 one not servable, 3 bad input).",
        discussion: """
        Zones: --zone, else the configuration's zones (--config), else every zone directory in the store. \\
        Entries of the store that are not zone directories are noted and skipped.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .customLong("zone"), help: "Zone to verify (repeatable); default: the configuration's zones, else every zone in the store.")
    var zones: [String] = []

    @Option(name: .long, help: "Directory of the backups; default: the configuration's zones_dir, else zones.")
    var zonesDir: String?

    @Option(name: .long, help: "Days before signature expiry that count as expiring.")
    var windowDays: Double = 7

    @Option(name: .long, help: "Write Prometheus metrics of the verdicts (textfile collector format) to this file, atomically.")
    var prometheus: String?

    func validate() throws {
        do {
            _ = try NumberLimits.windowDays.check(windowDays, option: "--window-days")
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        let store: SnapshotStore
        var names: [DomainName]?
        var config: DNSWardConfig?
        do {
            if let path = global.config { config = try DNSWardConfig.load(from: path) }
            store = SnapshotStore(root: try StoreLocation.resolve(option: zonesDir, config: config))
            if !zones.isEmpty {
                names = try zones.map { try StoreLocation.zone($0) }
            } else if let configured = config?.zones, !configured.isEmpty {
                names = configured.map(\.name)
            }
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        let outcome: StoreVerification.Outcome
        do {
            outcome = try StoreVerification(store: store, window: windowDays * 86_400).run(zones: names)
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        guard !outcome.audits.isEmpty else {
            for note in outcome.notes { FileHandleOutput.error("dnsward: note: \(note)") }
            FileHandleOutput.error("dnsward: no snapshots under \(store.root)")
            throw ExitCode(3)
        }
        let history = HistoryWriter(historyOptions, configured: config?.history)
        for audit in outcome.audits where audit.isLatest { history.record(SnapshotEvent(audit)) }
        if let path = prometheus {
            let statuses = outcome.audits.filter(\.isLatest).map { audit in
                (zone: audit.zone, status: audit.status == .servable && !audit.partial ? 0 : [.servable, .expiring].contains(audit.status) ? 1 : 2)
            }
            do {
                try BackupPrometheus.write(BackupPrometheus.verify(statuses, finished: Date()), to: path)
            } catch {
                FileHandleOutput.error("dnsward: warning: cannot write metrics to \(path): \(error)")
            }
        }
        let formatter = ISO8601DateFormatter()
        switch global.format {
        case .text:
            for audit in outcome.audits {
                let until = audit.usableUntil.map { " until \(formatter.string(from: $0))" } ?? ""
                let partial = audit.partial ? " (partial)" : ""
                print("\(audit.status.rawValue.uppercased()) \(audit.zone) \(audit.id)\(audit.isLatest ? " (latest)" : "")\(partial)\(until)"
                      + (audit.chainChecked ? "" : " (chain not checked)")
                      + (audit.problems.isEmpty ? "" : ": " + audit.problems.joined(separator: "; ")))
                for note in audit.notes where audit.isLatest { print("  note: \(note)") }
            }
            for note in outcome.notes { print("note: \(note)") }
        case .json:
            print(String(decoding: try JSONOutput.encoder.encode(["schema": AnyEncodable(1), "snapshots": AnyEncodable(outcome.audits),
                                                       "notes": AnyEncodable(outcome.notes)]), as: UTF8.self))
        }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
