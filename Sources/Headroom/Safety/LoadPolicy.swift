public import DNSCore

/// Who may be loaded: loopback always; any other address only when the configuration's
/// `headroom.allow` lists it (an address or a CIDR prefix), because a person must own
/// the target of a load test. The prefixes are DNSCore's, as in `allow_targets`.
public struct LoadPolicy: Sendable {
    public let allowed: TargetAllowList

    /// Entries are checked here so a typo fails before any load is sent.
    public init(allow: [String]) throws {
        do {
            allowed = TargetAllowList(prefixes: try allow.map { try AddressPrefix(parsing: $0) }, source: "headroom.allow")
        } catch {
            throw HeadroomError(.input, "headroom.allow: \(error)")
        }
    }

    public func check(_ target: ServerAddress) throws {
        if target.isLoopback || (!allowed.prefixes.isEmpty && allowed.permits(target)) { return }
        throw HeadroomError(.notAllowed,
                            "\(target.host) is not loopback and not listed in headroom.allow of the configuration: only load servers you own")
    }
}
