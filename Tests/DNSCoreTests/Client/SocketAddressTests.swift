import DNSCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ServerAddress.socketAddress` connects real sockets: to a listener on loopback (IPv4
/// and IPv6), and to a closed port, which refuses.
@Suite struct SocketAddressTests {
    /// A TCP listener on `host` and a port the kernel picks; its descriptor and port.
    func listener(_ host: String) throws -> (fd: Int32, port: UInt16) {
        let family = host.contains(":") ? AF_INET6 : AF_INET
        let fd = socket(family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var storage = sockaddr_storage()
        var length: socklen_t
        if family == AF_INET6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr(host)
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
        }
        let bound = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 4) == 0
                && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound, "cannot listen on \(host): \(errno)")
        let port = withUnsafeBytes(of: &storage) { raw in
            UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self))  // sin_port and sin6_port sit at offset 2
        }
        return (fd, port)
    }

    @Test(arguments: ["127.0.0.1", "::1"])
    func connectsToAListener(host: String) throws {
        let (listening, port) = try listener(host)
        defer { close(listening) }
        let address = try ServerAddress(host: host, port: port).socketAddress
        #expect(address.family == (host.contains(":") ? AF_INET6 : AF_INET))
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        #expect(address.connect(fd) == 0)
        // The listener sees the connection: the address really was host and port.
        let accepted = accept(listening, nil, nil)
        #expect(accepted >= 0)
        if accepted >= 0 { close(accepted) }
    }

    @Test func aClosedPortRefusesWithItsErrno() throws {
        let (listening, port) = try listener("127.0.0.1")
        close(listening)
        let address = try ServerAddress(host: "127.0.0.1", port: port).socketAddress
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        #expect(address.connect(fd) == ECONNREFUSED)
    }
}
