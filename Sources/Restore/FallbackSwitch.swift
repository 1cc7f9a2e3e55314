public import DNSCore
public import Foundation
import Platform
public import Model

/// The automatic half of fallback mode (BACKUP.md §4): every probe run reports whether
/// any authority of the zone answered; after `afterFailures` runs in a row with none, the
/// latest verified snapshot goes into service in Unbound; after `afterRecoveries` runs in a
/// row with answers again, it is taken out. The counters live beside the snapshots, so
/// cron runs share them, and every switch is reported (and so lands in the history).
public struct FallbackSwitch: Sendable {
    public struct State: Codable, Sendable, Equatable {
        public var consecutiveDown = 0
        public var consecutiveUp = 0
        public var active = false
        public var since: Date?
        public var snapshot: String?

        public init() {}
    }

    public enum Action: String, Sendable {
        /// Nothing changed: counting towards a switch, or steady.
        case none
        /// The backup went into service in this run.
        case switched
        /// The backup was taken out of service in this run.
        case undone
        /// A switch was due and failed (refused snapshot, failed verification, rolled back).
        case failed
    }

    public struct Decision: Sendable {
        public let action: Action
        public let state: State
        public let reason: Reason
        public let parameters: FindingParameters

        /// A failed switch is CRITICAL; serving from the backup, or switching, a WARNING.
        public var severity: Severity {
            switch action {
            case .failed: .critical
            case .switched, .undone: .warning
            case .none: state.active ? .warning : .ok
            }
        }

        public var message: String { EnglishMessages.render(reason, parameters) ?? reason.rawValue }
    }

    public let zone: DomainName
    public let store: SnapshotStore
    public let restorer: UnboundRestorer
    public let afterFailures: Int
    public let afterRecoveries: Int
    public let critical: [CriticalQuestion]

    public init(zone: DomainName, store: SnapshotStore, restorer: UnboundRestorer, afterFailures: Int = 3,
                afterRecoveries: Int = 3, critical: [CriticalQuestion] = []) {
        self.zone = zone
        self.store = store
        self.restorer = restorer
        self.afterFailures = max(1, afterFailures)
        self.afterRecoveries = max(1, afterRecoveries)
        self.critical = critical
    }

    public var statePath: String { store.directory(for: zone) + "/fallback-state.json" }

    public func currentState() -> State {
        guard let bytes = try? RegularFile.read(statePath, links: .refuse, limit: 1 << 20),
              let state = try? SnapshotManifest.decoder.decode(State.self, from: Data(bytes)) else { return State() }
        return state
    }

    /// Feeds one probe run's verdict in; switches when the counters say so.
    public func observe(authoritiesAnswer: Bool, now: Date = Date()) async throws -> Decision {
        var state = currentState()
        if authoritiesAnswer {
            state.consecutiveUp += 1
            state.consecutiveDown = 0
        } else {
            state.consecutiveDown += 1
            state.consecutiveUp = 0
        }
        var action = Action.none
        var reason: Reason
        var parameters: FindingParameters = [:]
        if !state.active && state.consecutiveDown >= afterFailures {
            do {
                let snapshot = try RestoreSnapshot.load(from: store, zone: zone)
                let report = try await restorer.apply(snapshot, mode: .override, critical: critical, now: now)
                parameters["snapshot"] = .text(snapshot.id)
                if report.outcome == .applied {
                    action = .switched
                    reason = .fallbackSwitched
                    state.active = true
                    state.since = now
                    state.snapshot = snapshot.id
                    if let seconds = report.seconds { parameters["seconds"] = .seconds(seconds) }
                } else {
                    action = .failed
                    reason = .fallbackSwitchFailed
                    parameters["error"] = .text("the backup did not verify in the resolver: "
                        + (report.failure ?? report.outcome.rawValue) + " (rolled back)")
                }
            } catch {
                action = .failed
                reason = .fallbackSwitchFailed
                parameters["error"] = .text("\(error)")
            }
        } else if state.active && state.consecutiveUp >= afterRecoveries {
            parameters["snapshot"] = .text(state.snapshot ?? "")
            do {
                _ = try await restorer.undo(zone: zone)
                action = .undone
                reason = .fallbackUndone
                state.active = false
                state.since = nil
                state.snapshot = nil
            } catch {
                action = .failed
                reason = .fallbackUndoFailed
                parameters["error"] = .text("\(error)")
            }
        } else if state.active {
            reason = .fallbackActive
            parameters["snapshot"] = .text(state.snapshot ?? "")
            if let since = state.since { parameters["since"] = .time(since) }
        } else {
            reason = authoritiesAnswer ? .fallbackArmed : .fallbackCounting
        }
        parameters["action"] = .text(action.rawValue)
        parameters["consecutiveDown"] = .integer(state.consecutiveDown)
        parameters["consecutiveUp"] = .integer(state.consecutiveUp)
        parameters["authoritiesAnswer"] = .flag(authoritiesAnswer)
        parameters["afterFailures"] = .integer(afterFailures)
        parameters["afterRecoveries"] = .integer(afterRecoveries)
        try Directory.create(store.directory(for: zone))
        try DurableFile.write(Array(try SnapshotManifest.encoder.encode(state)), to: statePath)
        return Decision(action: action, state: state, reason: reason, parameters: parameters)
    }
}
