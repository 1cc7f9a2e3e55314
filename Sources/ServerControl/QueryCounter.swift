/// A server's own count of the queries it has received since it started: the source of a
/// baseline rate (read twice over an interval) and of what a load step really delivered.
public protocol QueryCounter: Sendable {
    /// Which server kind and where, for messages (`unbound-control -c /etc/unbound/unbound.conf`).
    var label: String { get }
    func queriesReceived() async throws -> UInt64
}
