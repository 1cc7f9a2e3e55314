import DNSCore
import DNSWardTestKit
import Foundation
import Glibc

/// A TCP socket that listens and never accepts: connections complete in the kernel's
/// backlog and then nothing is ever said (a server whose transfer times out).
final class SilentTCPListener {
    let address: ServerAddress
    private let fd: Int32

    init(host: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.fd = fd
        var bound: ServerAddress?
        for _ in 0..<10 {
            if let port = bindIPv4(fd, host: host, port: UInt16.random(in: 20_000...59_999)) {
                bound = try ServerAddress(host: host, port: port)
                break
            }
        }
        guard let bound, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw DNSCoreError(.process, "cannot listen on \(host)")
        }
        address = bound
    }

    func close() { Glibc.close(fd) }
}
