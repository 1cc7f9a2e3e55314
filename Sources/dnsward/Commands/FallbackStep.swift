import DNSCore
import Foundation
import Restore

/// After the checks: feeds each fallback zone's verdict (did any authority answer?) to its
/// switch, and reports what the switch did as `BACKUP-FALLBACK` findings.
enum FallbackStep {
    static let check = CheckID("BACKUP-FALLBACK")

    static func run(_ fallbacks: [(zone: ZoneConfig, settings: FallbackConfig)], after run: ProbeRun) async -> [Finding] {
        var findings: [Finding] = []
        for (zone, settings) in fallbacks {
            let name = zone.name.description
            let answered = run.measurements.contains { $0.zone == name && $0.rtt != nil }
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
                let severity: Severity
                switch decision.action {
                case .failed: severity = .critical
                case .switched, .undone: severity = .warning
                case .none: severity = decision.state.active ? .warning : .ok
                }
                findings.append(Finding(check: check, severity: severity, zone: name, server: "unbound",
                                        address: settings.resolver.description, message: decision.message,
                                        evidence: ["action": decision.action.rawValue,
                                                   "consecutiveDown": String(decision.state.consecutiveDown),
                                                   "consecutiveUp": String(decision.state.consecutiveUp)]))
            } catch {
                findings.append(Finding(check: check, severity: .unknown, zone: name, message: "fallback switch: \(error)"))
            }
        }
        return findings
    }
}
