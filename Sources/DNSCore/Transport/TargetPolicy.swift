import Glibc
import Synchronization

/// The process's target allow-lists. Every socket to a DNS server is connected through
/// `PeerSocketAddress`, which asks `admit` first: the one place the allow-list is enforced,
/// before anything is sent (UDP, TCP, AXFR alike).
///
/// It starts with `DNSWARD_ALLOW_TARGETS` (unset: everything is allowed); a command adds
/// its configuration's `allow_targets` at start-up. Lists only ever narrow: a target must
/// lie inside every one of them, so a configuration cannot widen what the environment
/// allows.
public enum TargetPolicy {
    public static let environmentVariable = "DNSWARD_ALLOW_TARGETS"

    private static let lists = Mutex<[TargetAllowList]>(
        TargetAllowList.fromEnvironment(getenv(environmentVariable).map { String(cString: $0) }).map { [$0] } ?? [])

    /// The lists in force, the environment's first.
    public static var current: [TargetAllowList] {
        lists.withLock { $0 }
    }

    /// Narrows the process's targets to `list` as well. Call it before the first query:
    /// a UDP socket already open to a server is reused without a second look.
    public static func restrict(to list: TargetAllowList) {
        lists.withLock { $0.append(list) }
    }

    /// Throws `.targetNotAllowed`, naming the address and the list, unless every list
    /// permits `server`.
    static func admit(_ server: ServerAddress, over transport: TransportProtocol) throws(TransportError) {
        let refusing = lists.withLock { lists in lists.first { !$0.permits(server) } }
        if let refusing {
            throw TransportError(code: .targetNotAllowed, server: server, transport: transport,
                                 detail: refusing.description)
        }
    }
}
