import ArgumentParser
import Backup
import DNSCore
import Foundation

/// `dnsward verify`: re-check every snapshot on disk and say which can still be served.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify snapshots on disk (exit 0 every latest servable, 1 one expiring soon, 2 one not servable, 3 bad input)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("zone"), help: "Zone to verify (repeatable); default: every zone in the store.")
    var zones: [String] = []

    @Option(name: .long, help: "Directory of the backups.")
    var zonesDir = "zones"

    @Option(name: .long, help: "Days before signature expiry that count as expiring.")
    var windowDays: Double = 7

    func validate() throws {
        do {
            _ = try NumberLimits.windowDays.check(windowDays, option: "--window-days")
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        let store = SnapshotStore(root: zonesDir)
        var names: [DomainName] = []
        do {
            names = try zones.isEmpty
                ? store.zones().map { $0 == "root" ? DomainName.root : try DomainName($0) }
                : zones.map { try DomainName($0) }
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        guard !names.isEmpty else {
            FileHandleOutput.error("dnsward: no snapshots under \(zonesDir)")
            throw ExitCode(3)
        }
        var audits: [SnapshotAudit] = []
        for zone in names {
            let latest = try? store.latest(of: zone)
            for manifest in (try? store.snapshots(of: zone)) ?? [] {
                audits.append(SnapshotAudit.audit(manifest, in: store, zone: zone, isLatest: manifest.file == latest?.file,
                                                  window: windowDays * 86_400))
            }
            if latest == nil {
                audits.append(SnapshotAudit(zone: zone.description, id: "-", isLatest: true, status: .failed, usableUntil: nil,
                                            problems: ["no verified snapshot (no latest)"]))
            }
        }
        let formatter = ISO8601DateFormatter()
        switch global.format {
        case .text:
            for audit in audits {
                let until = audit.usableUntil.map { " until \(formatter.string(from: $0))" } ?? ""
                print("\(audit.status.rawValue.uppercased()) \(audit.zone) \(audit.id)\(audit.isLatest ? " (latest)" : "")\(until)"
                      + (audit.chainChecked ? "" : " (chain not checked)")
                      + (audit.problems.isEmpty ? "" : ": " + audit.problems.joined(separator: "; ")))
            }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(["schema": AnyEncodable(1), "snapshots": AnyEncodable(audits)]), as: UTF8.self))
        }
        let latest = audits.filter(\.isLatest)
        if latest.contains(where: { $0.status == .failed || $0.status == .expired }) { throw ExitCode(2) }
        if latest.contains(where: { $0.status == .expiring }) { throw ExitCode(1) }
    }
}
