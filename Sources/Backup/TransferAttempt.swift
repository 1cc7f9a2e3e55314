import DNSCore

/// One AXFR that did not produce a copy, and what kind of no it was: the difference
/// decides whether a harvest may stand in (a server's policy) or not (a fault, or an
/// authentication failure).
struct TransferAttempt: Sendable {
    enum Outcome: Sendable {
        /// The server said no (REFUSED, NOTAUTH, closed at once, TCP refused).
        case refused
        /// Nothing came back before the transfer began (timeout, unreachable, reset).
        case unreachable
        /// TSIG (RFC 8945) failed: wrong key or secret, unsigned or forged answer.
        case authentication
        /// The transfer began and broke off, or the server sent something wrong.
        case failed
    }

    let server: DomainName
    let address: ServerAddress
    let outcome: Outcome
    let reason: String

    /// `started`: records had already arrived when it failed.
    init(server: DomainName, address: ServerAddress, error: any Error, zone: DomainName, started: Bool) {
        self.server = server
        self.address = address
        var reason = "\(error)"
        let prefix = "AXFR of \(zone) from \(address): "
        if reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
        self.reason = reason
        if let error = error as? DNSCoreError, error.code == .tsig {
            outcome = .authentication
        } else if started {
            outcome = .failed
        } else if let error = error as? DNSCoreError {
            outcome = error.code == .transferRefused ? .refused : .failed
        } else if let error = error as? TransportError {
            outcome = error.code == .refused ? .refused : .unreachable
        } else {
            outcome = .failed
        }
    }

    var line: String { "AXFR \(server) \(address): \(reason)" }
}
