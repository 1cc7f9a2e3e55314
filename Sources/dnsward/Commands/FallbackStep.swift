import DNSCore
import Foundation
import History
import Restore
import Model

/// After the checks: feeds each fallback zone's verdict (did any authority answer?) to its
/// switch, and reports what the switch did as `BACKUP-FALLBACK` findings.
enum FallbackStep {
    static func run(_ fallbacks: [(zone: ZoneConfig, settings: FallbackConfig)], after run: ProbeRun,
                    history: HistoryStore?) async -> [Finding] {
        var findings: [Finding] = []
        for (zone, settings) in fallbacks {
            let name = zone.name.description
            // Only an authoritative answer (NOERROR, AA, the zone's SOA: a serial was read)
            // counts: a lame server's REFUSED is no sign the zone is back.
            let answered = run.measurements.contains { $0.zone == name && $0.serial != nil }
            do {
                let restorer = UnboundRestorer(
                    control: try UnboundControl(configPath: settings.unboundConfig), includeDirectory: settings.includeDirectory,
                    verifier: RestoreVerifier(resolver: settings.resolver))
                let critical = zone.critical.flatMap { entry in entry.types.map { CriticalQuestion(name: entry.name, type: $0) } }
                let fallback = FallbackSwitch(
                    zone: zone.name, store: SnapshotStore(root: settings.zonesDirectory), restorer: restorer,
                    afterFailures: settings.afterFailures, afterRecoveries: settings.afterRecoveries,
                    critical: critical.isEmpty ? [] : CriticalQuestion.defaults(for: zone.name) + critical)
                let decision = try await fallback.observe(authoritiesAnswer: answered)
                if let event = RestoreEvent(decision, zone: name, address: settings.resolver.description) {
                    try? history?.record(event)
                }
                findings.append(Finding(check: .backupFallback, severity: decision.severity, reason: decision.reason,
                                        parameters: decision.parameters, zone: name, server: "unbound",
                                        address: settings.resolver.description))
            } catch {
                findings.append(Finding(check: .backupFallback, severity: .unknown, reason: .fallbackError,
                                        parameters: ["error": .text("\(error)")], zone: name))
            }
        }
        return findings
    }
}

extension RestoreEvent {
    /// A switch in or out (or a failed one) as a restore event; nil when nothing switched.
    init?(_ decision: FallbackSwitch.Decision, zone: String, address: String, time: Date = Date()) {
        let kind: Kind
        let outcome: String
        switch decision.reason {
        case .fallbackSwitched: (kind, outcome) = (.fallbackSwitch, "applied")
        case .fallbackSwitchFailed: (kind, outcome) = (.fallbackSwitch, "failed")
        case .fallbackUndone: (kind, outcome) = (.fallbackUndo, "undone")
        case .fallbackUndoFailed: (kind, outcome) = (.fallbackUndo, "failed")
        default: return nil
        }
        self.init(time: time, kind: kind, zone: zone, resolver: "unbound", address: address,
                  snapshot: decision.parameters["snapshot"]?.text, outcome: outcome,
                  seconds: decision.parameters.has("seconds") ? decision.parameters.seconds("seconds") : nil,
                  detail: decision.parameters.has("error") ? decision.parameters.text("error") : nil)
    }
}
