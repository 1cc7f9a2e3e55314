public import DNSCore
public import Foundation
public import Model
import ServerControl

/// One zone with a `fallback:` section: where its backup goes when every authority stays
/// silent, and when it switches.
public struct FallbackTarget: Sendable {
    public var zone: DomainName
    public var unboundConfig: String
    public var includeDirectory: String
    /// The Unbound the backup is checked at after a switch.
    public var resolver: ServerAddress
    public var store: SnapshotStore
    public var afterFailures: Int
    public var afterRecoveries: Int
    /// The names the resolver must answer from the backup (besides the apex SOA and NS).
    public var critical: [CriticalQuestion]

    public init(zone: DomainName, unboundConfig: String, includeDirectory: String, resolver: ServerAddress,
                store: SnapshotStore, afterFailures: Int, afterRecoveries: Int, critical: [CriticalQuestion]) {
        self.zone = zone
        self.unboundConfig = unboundConfig
        self.includeDirectory = includeDirectory
        self.resolver = resolver
        self.store = store
        self.afterFailures = afterFailures
        self.afterRecoveries = afterRecoveries
        self.critical = critical
    }
}

/// After a probe run: feeds each fallback zone's verdict (did any authority answer?) to
/// its switch, and reports what the switch did as a `BACKUP-FALLBACK` finding, with the
/// switch itself as a restore event for the history.
public enum FallbackStep {
    /// Only an authoritative answer (NOERROR, AA, the zone's SOA: a serial was read)
    /// counts: a lame server's REFUSED is no sign the zone is back.
    public static func authoritiesAnswered(_ zone: DomainName, in run: ProbeRun) -> Bool {
        let name = zone.description
        return run.measurements.contains { $0.zone == name && $0.serial != nil }
    }

    public static func run(_ targets: [FallbackTarget], after run: ProbeRun) async -> [(finding: Finding, event: RestoreEvent?)] {
        var outcomes: [(Finding, RestoreEvent?)] = []
        for target in targets {
            let name = target.zone.description
            do {
                let control: UnboundControl
                do { control = try UnboundControl(configPath: target.unboundConfig) } catch { throw RestoreError(error) }
                let restorer = UnboundRestorer(control: control, includeDirectory: target.includeDirectory,
                                               verifier: RestoreVerifier(resolver: target.resolver))
                let fallback = FallbackSwitch(
                    zone: target.zone, store: target.store, restorer: restorer, afterFailures: target.afterFailures,
                    afterRecoveries: target.afterRecoveries,
                    critical: target.critical.isEmpty ? [] : CriticalQuestion.defaults(for: target.zone) + target.critical)
                let decision = try await fallback.observe(authoritiesAnswer: authoritiesAnswered(target.zone, in: run))
                let finding = Finding(check: .backupFallback, severity: decision.severity, reason: decision.reason,
                                      parameters: decision.parameters, zone: name, server: "unbound",
                                      address: target.resolver.description)
                outcomes.append((finding, RestoreEvent(decision, zone: name, address: target.resolver.description)))
            } catch {
                outcomes.append((Finding(check: .backupFallback, severity: .unknown, reason: .fallbackError,
                                         parameters: ["error": .text("\(error)")], zone: name), nil))
            }
        }
        return outcomes
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
