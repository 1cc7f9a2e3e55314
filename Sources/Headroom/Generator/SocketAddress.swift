import CLinux
import DNSCore
import Glibc

/// A numeric server address as a `sockaddr` for connect(2) and sendmmsg(2).
struct SocketAddress: @unchecked Sendable {
    private(set) var storage = sockaddr_storage()
    let length: socklen_t
    let family: Int32

    init(_ server: ServerAddress) throws {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, server.host, &v4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = server.port.bigEndian
            address.sin_addr = v4
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        } else if inet_pton(AF_INET6, server.host, &v6) == 1 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = server.port.bigEndian
            address.sin6_addr = v6
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            throw HeadroomError(.input, "\(server): not a numeric address")
        }
    }

    /// IP + UDP header bytes each datagram carries on the wire.
    var udpHeaderBytes: Int { family == AF_INET6 ? 48 : 28 }

    func connect(_ fd: Int32) -> Int32 {
        var copy = storage
        let result = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        return result == 0 ? 0 : errno
    }
}

func errnoDescription(_ value: Int32) -> String {
    guard let text = strerror(value) else { return "errno \(value)" }
    return "\(String(cString: text)) (errno \(value))"
}
