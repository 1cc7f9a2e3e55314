public import DNSCore
public import Foundation

/// A resolver dnsward can put a backup into service in, and take it out of again.
public protocol Restorer: Sendable {
    func apply(_ snapshot: RestoreSnapshot, mode: RestoreMode, critical: [CriticalQuestion], force: Bool,
               now: Date) async throws(RestoreError) -> RestoreResult
    func undo(zone: DomainName) async throws(RestoreError) -> RestoreResult
}

extension UnboundRestorer: Restorer {}

extension BINDRestorer: Restorer {
    /// BIND serves the copy as a primary zone: there is no switched-off (fallback) form.
    public func apply(_ snapshot: RestoreSnapshot, mode: RestoreMode, critical: [CriticalQuestion], force: Bool,
                      now: Date) async throws(RestoreError) -> RestoreResult {
        guard mode == .override else { throw RestoreError(.unsupported, "--mode fallback is implemented for Unbound") }
        return try await apply(snapshot, critical: critical, force: force, now: now)
    }
}

extension ResolverKind {
    /// Where the resolver includes configuration from on Debian.
    public var defaultIncludeDirectory: String {
        switch self {
        case .unbound: "/etc/unbound/unbound.conf.d"
        case .bind: "/etc/bind"
        case .knotResolver: "/etc/knot-resolver"
        }
    }

    /// True when dnsward can switch a backup in and out of the running resolver itself;
    /// for the others it prints the configuration to install by hand.
    public var switchesAtRunTime: Bool { self != .knotResolver }
}
