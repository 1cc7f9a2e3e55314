import DNSCore
import History
import Model
import Restore

/// The configuration's `fallback:` sections as Restore's targets; the switching itself is
/// Restore's `FallbackStep`, its switches go into the history.
enum FallbackWiring {
    static func targets(_ fallbacks: [(zone: ZoneConfig, settings: FallbackConfig)]) -> [FallbackTarget] {
        fallbacks.map { zone, settings in
            FallbackTarget(
                zone: zone.name, unboundConfig: settings.unboundConfig, includeDirectory: settings.includeDirectory,
                resolver: settings.resolver, store: SnapshotStore(root: settings.zonesDirectory),
                afterFailures: settings.afterFailures, afterRecoveries: settings.afterRecoveries,
                critical: zone.critical.flatMap { entry in entry.types.map { CriticalQuestion(name: entry.name, type: $0) } })
        }
    }

    static func run(_ fallbacks: [(zone: ZoneConfig, settings: FallbackConfig)], after run: ProbeRun,
                    history: HistoryStore?) async -> [Finding] {
        var findings: [Finding] = []
        for (finding, event) in await FallbackStep.run(targets(fallbacks), after: run) {
            if let event { try? history?.record(event) }
            findings.append(finding)
        }
        return findings
    }
}
