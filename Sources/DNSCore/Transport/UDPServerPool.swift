/// The UDP sockets towards one server. Confined to the reactor thread.
///
/// One socket is active at a time and carries many queries at once (as
/// dnsperf does); after a number of uses it is retired and a fresh one with a
/// new kernel-chosen source port takes over, so a long run does not look
/// like a single flow and off-path spoofing has the port to guess again.
final class UDPServerPool {
    static let usesPerSocket = 256
    static let maxInFlightPerSocket = 512

    let server: ServerAddress
    let address: PeerSocketAddress
    var active: UDPSocket?

    init(server: ServerAddress, address: PeerSocketAddress) {
        self.server = server
        self.address = address
    }
}
