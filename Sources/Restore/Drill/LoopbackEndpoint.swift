import DNSCore
#if canImport(Glibc)
import Glibc
#endif

/// A loopback address and port nothing listens on, for a drill's private resolver: the
/// kernel picks a free UDP port on a random address of 127.60.0.0/16 (Linux routes all of
/// 127.0.0.0/8 to lo; the lab uses 127.53-127.59), and the same port must bind over TCP too.
/// The sockets are closed before Unbound binds them: a race another program could win is
/// reported as Unbound failing to start, and the drill tries another endpoint.
enum LoopbackEndpoint {
    static func free(attempts: Int = 20) throws(RestoreError) -> ServerAddress {
        for _ in 0..<attempts {
            let host = "127.60.\(Int.random(in: 0...255)).\(Int.random(in: 1...254))"
            guard let port = bindable(host) else { continue }
            do {
                return try ServerAddress(host: host, port: port)
            } catch {
                continue
            }
        }
        throw RestoreError(.environment, "no free loopback address and port for the drill's resolver after \(attempts) tries")
    }

    /// The port the kernel gave a UDP socket on `host`, when a TCP socket can bind it too.
    private static func bindable(_ host: String) -> UInt16? {
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer {
            if udp >= 0 { close(udp) }
            if tcp >= 0 { close(tcp) }
        }
        guard udp >= 0, tcp >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        func bindTo(_ fd: Int32, _ address: inout sockaddr_in) -> Bool {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }
        guard bindTo(udp, &address) else { return nil }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(udp, $0, &length) == 0 }
        }
        guard named else { return nil }
        var tcpAddress = address
        tcpAddress.sin_port = bound.sin_port
        guard bindTo(tcp, &tcpAddress) else { return nil }
        let port = UInt16(bigEndian: bound.sin_port)
        return port == 0 ? nil : port
    }
}
