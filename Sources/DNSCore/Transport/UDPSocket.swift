import Glibc

/// A connected, non-blocking UDP socket carrying many queries to one server,
/// told apart by message ID. Confined to the reactor thread.
///
/// Connected so that the kernel delivers ICMP port unreachable as
/// ECONNREFUSED (letting "nobody there" be told from "silent") and drops
/// datagrams from any other source before they reach us.
final class UDPSocket {
    let fd: Int32
    let key: UInt64
    let pool: UDPServerPool
    var pending: [UInt16: PendingQuery] = [:]
    /// Queries ever started on this socket; drives rotation.
    var uses = 0
    /// No new queries go here; it closes once `pending` drains.
    var retired = false
    var lastActivity: UInt64
    /// Datagrams dropped as no answer to any query here; a query's share is the growth of
    /// this count while it waited (a connected socket hears only its server).
    var ignoredAnswers = 0
    /// Queries whose next attempt waits for this iteration's `sendmmsg`.
    var outgoing: [PendingQuery] = []

    init(fd: Int32, key: UInt64, pool: UDPServerPool, now: UInt64) {
        self.fd = fd
        self.key = key
        self.pool = pool
        self.lastActivity = now
    }
}
