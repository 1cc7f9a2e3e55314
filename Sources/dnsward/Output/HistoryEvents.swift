import Backup
import DNSCore
import Foundation
import Headroom
import History
import Model
import Restore

// Each command's result value, as the event the history keeps: the CLI writes them, so
// the features never depend on the store.

extension SnapshotEvent {
    init(_ result: SnapshotResult) {
        let manifest = result.manifest
        self.init(time: manifest.finished, zone: manifest.zone, kind: result.promoted ? .taken : .refused,
                  snapshot: manifest.id, serial: manifest.serial, method: manifest.method.rawValue,
                  records: manifest.recordCount, signed: manifest.signed, usableUntil: manifest.usableUntil,
                  detail: result.promoted ? result.partialReason.map { "partial: \($0)" }
                                          : manifest.verification.problems.joined(separator: "; "))
    }

    init(zone: DomainName, failure: any Error, time: Date = Date()) {
        self.init(time: time, zone: zone.description, kind: .failed, detail: "\(failure)")
    }

    init(_ audit: SnapshotAudit, time: Date = Date()) {
        self.init(time: time, zone: audit.zone, kind: .verified, snapshot: audit.id, usableUntil: audit.usableUntil,
                  status: audit.status.rawValue, detail: audit.problems.isEmpty ? nil : audit.problems.joined(separator: "; "))
    }
}

extension RestoreEvent {
    init(_ result: RestoreResult, kind: Kind, address: String?, time: Date = Date()) {
        self.init(time: time, kind: kind, zone: result.zone.description, resolver: result.resolver.rawValue, address: address,
                  snapshot: result.snapshot, outcome: result.outcome.rawValue, seconds: result.seconds,
                  checksPassed: result.checks.isEmpty ? nil : result.checks.filter(\.passed).count,
                  checksTotal: result.checks.isEmpty ? nil : result.checks.count, detail: result.failure)
    }
}

extension HeadroomSummary {
    init(_ result: HeadroomResult) {
        let detail = (try? HeadroomJSON.encode(result)).map { String(decoding: $0, as: UTF8.self) }
        self.init(started: result.started, finished: result.finished, server: result.server, transport: result.transport,
                  mode: result.mode, capacityQps: result.capacityQps, generatorBound: result.generatorBound,
                  peakAnsweredQps: result.steps.map(\.answeredQps).max() ?? 0, baselineQps: result.baseline?.qps,
                  headroom: result.headroom, bandwidthOutMbps: result.bandwidth?.outboundMbps,
                  bandwidthInMbps: result.bandwidth?.inboundMbps, amplification: result.bandwidth?.amplification,
                  linkMbps: result.bandwidth?.linkMbps, limitedBy: result.bandwidth?.firstLimit ?? result.limitedBy,
                  verdict: result.verdict, detail: detail)
    }
}

/// Writes events to the history when there is one; a store that cannot be written is
/// said on standard error and costs the command nothing else (the backup is what matters).
struct HistoryWriter {
    let store: HistoryStore?

    init(_ options: HistoryOptions, configured: String?) {
        do {
            store = try options.open(configured: configured)
        } catch {
            FileHandleOutput.error("dnsward: warning: \(error); nothing is recorded")
            store = nil
        }
    }

    func record(_ event: SnapshotEvent) { write { try $0.record(event) } }
    func record(_ event: RestoreEvent) { write { try $0.record(event) } }
    func record(_ summary: HeadroomSummary) { write { try $0.record(summary) } }

    private func write(_ body: (HistoryStore) throws -> Void) {
        guard let store else { return }
        do { try body(store) } catch { FileHandleOutput.error("dnsward: warning: \(error)") }
    }
}

extension RestoreEvent {
    /// A zone's drill: its time to serving, its checks, and why it failed.
    init(_ drill: DrillZoneResult, time: Date = Date()) {
        var detail = drill.problem
        if detail == nil, !drill.warnings.isEmpty { detail = drill.warnings.joined(separator: "; ") }
        self.init(time: time, kind: .drill, zone: drill.zone.description, resolver: ResolverKind.unbound.rawValue,
                  address: drill.address, snapshot: drill.snapshot, outcome: drill.passed ? "passed" : "failed",
                  seconds: drill.secondsToServe, checksPassed: drill.checks.isEmpty ? nil : drill.checks.filter(\.passed).count,
                  checksTotal: drill.checks.isEmpty ? nil : drill.checks.count, detail: detail)
    }
}
