#if canImport(Glibc)
import Glibc
#endif

/// Binds `fd` to the IPv4 address `host` and `port` (0: one the kernel picks) for the test
/// kit's scripted servers; the port it is bound to, or nil with `errno` telling why.
public func bindIPv4(_ fd: Int32, host: String, port: UInt16 = 0) -> UInt16? {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        errno = EINVAL
        return nil
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0 else { return nil }
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { return nil }
    return UInt16(bigEndian: address.sin_port)
}
