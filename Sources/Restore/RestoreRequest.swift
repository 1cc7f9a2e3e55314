public import DNSCore
public import Model
import Foundation
import ServerControl

/// One `dnsward restore`, checked: what to do with which snapshot in which resolver.
public struct RestoreRequest: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        /// Print the configuration; install nothing.
        case generate
        /// Install, reload, verify; roll back on failure.
        case apply
        /// Take the zone's backup out of service.
        case undo
    }

    public var zone: DomainName
    public var resolver: ResolverKind
    public var mode: RestoreMode
    public var action: Action
    public var store: SnapshotStore
    /// `latest` or a snapshot id.
    public var snapshot: String
    public var includeDirectory: String
    /// Unbound's configuration file (unbound-control, unbound-checkconf).
    public var unboundConfig: String
    /// rndc's arguments to reach BIND (`-s`, `-p`, `-k`).
    public var rndcArguments: [String]
    /// Where the critical answers are checked after a switch.
    public var verifyAt: ServerAddress
    /// Knot Resolver's policy.STUB target: the backup authority serving the snapshot.
    public var authority: ServerAddress?
    public var critical: [CriticalQuestion]
    public var force: Bool

    public init(zone: DomainName, resolver: ResolverKind, mode: RestoreMode = .override, action: Action = .generate,
                store: SnapshotStore, snapshot: String = "latest", includeDirectory: String? = nil,
                unboundConfig: String = "/etc/unbound/unbound.conf", rndcArguments: [String] = [],
                verifyAt: ServerAddress, authority: ServerAddress? = nil, critical: [CriticalQuestion] = [],
                force: Bool = false) {
        self.zone = zone
        self.resolver = resolver
        self.mode = mode
        self.action = action
        self.store = store
        self.snapshot = snapshot
        self.includeDirectory = includeDirectory ?? resolver.defaultIncludeDirectory
        self.unboundConfig = unboundConfig
        self.rndcArguments = rndcArguments
        self.verifyAt = verifyAt
        self.authority = authority
        self.critical = critical
        self.force = force
    }

    /// What dnsward can do where: the capability table in one place.
    public func checkSupported() throws(RestoreError) {
        if action != .generate && !resolver.switchesAtRunTime {
            throw RestoreError(.unsupported, "--apply and --undo are implemented for Unbound and BIND; for \(resolver.rawValue) print the configuration (without --apply) and install it by hand")
        }
        if action == .apply && mode == .fallback && resolver == .bind {
            throw RestoreError(.unsupported, "--mode fallback is implemented for Unbound")
        }
        if resolver == .knotResolver && action == .generate && authority == nil {
            throw RestoreError(.badInput, "knot-resolver needs --authority ADDR@PORT: the backup authority serving the snapshot")
        }
    }

    /// Does it.
    public func run() async throws(RestoreError) -> RestoreResult {
        try checkSupported()
        switch action {
        case .undo:
            return try await restorer().undo(zone: zone)
        case .apply:
            let snapshot = try RestoreSnapshot.load(from: store, zone: zone, id: self.snapshot)
            return try await restorer().apply(snapshot, mode: mode, critical: critical, force: force, now: Date())
        case .generate:
            let snapshot = try RestoreSnapshot.load(from: store, zone: zone, id: self.snapshot)
            return try await RestoreGeneration.report(
                for: snapshot, resolver: resolver, mode: mode, directory: includeDirectory,
                authority: resolver == .knotResolver ? authority : nil, force: force)
        }
    }

    /// The resolver's restorer, with its tools found.
    public func restorer() throws(RestoreError) -> any Restorer {
        let verifier = RestoreVerifier(resolver: verifyAt)
        switch resolver {
        case .bind:
            guard let rndc = RNDC(arguments: rndcArguments) else {
                throw RestoreError(.environment, "rndc not found (Debian: apt-get install bind9-utils)")
            }
            return BINDRestorer(rndc: rndc, directory: includeDirectory, verifier: verifier)
        case .unbound, .knotResolver:
            let control: UnboundControl
            do {
                control = try UnboundControl(configPath: unboundConfig)
            } catch {
                throw RestoreError(error)
            }
            return UnboundRestorer(control: control, includeDirectory: includeDirectory, verifier: verifier)
        }
    }
}
