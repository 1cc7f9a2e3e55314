import CLinux
public import DNSCore
import Foundation
import Glibc
import Synchronization

/// A DNS "server" that answers every query at once by sending it back with QR set: the
/// cheapest possible answer, so that a run against it measures the generator alone
/// (`--calibrate`). Batched like the generator (recvmmsg/sendmmsg), on its own thread,
/// on loopback only.
public final class NullResponder: Sendable {
    public let address: ServerAddress
    private let fd: Int32
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on a free port and starts answering.
    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HeadroomError(.system, "null responder: cannot open a socket: \(errnoDescription(errno))") }
        _ = CLinux_set_reuseport(fd, true)
        _ = CLinux_set_receive_buffer(fd, Int32(UDPLoad.receiveBufferBytes))
        _ = CLinux_set_send_buffer(fd, Int32(UDPLoad.receiveBufferBytes))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        local.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0,
              withUnsafeMutablePointer(to: &local, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }) == 0
        else {
            let failure = errno
            close(fd)
            throw HeadroomError(.system, "null responder: cannot bind 127.0.0.1: \(errnoDescription(failure))")
        }
        self.fd = fd
        self.address = try ServerAddress(host: "127.0.0.1", port: UInt16(bigEndian: local.sin_port))
        let thread = Thread { [self] in
            self.serve()
            self.finished.signal()
        }
        thread.name = "dnsward-null-responder"
        thread.start()
    }

    /// Stops answering and closes the socket; waits for the thread.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        finished.wait()
        close(fd)
    }

    private func serve() {
        let batch = UDPLoad.batchMessages
        let size = UDPLoad.answerBufferBytes
        let buffers = UnsafeMutableRawPointer.allocate(byteCount: batch * size, alignment: 16)
        let names = UnsafeMutablePointer<sockaddr_storage>.allocate(capacity: batch)
        let iovecs = UnsafeMutablePointer<iovec>.allocate(capacity: batch)
        let headers = UnsafeMutablePointer<CLinux_mmsghdr>.allocate(capacity: batch)
        defer {
            buffers.deallocate()
            names.deallocate()
            iovecs.deallocate()
            headers.deallocate()
        }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stopped.load(ordering: .relaxed) {
            guard poll(&entry, 1, 20) > 0 else { continue }
            while true {
                for index in 0..<batch {
                    iovecs[index] = iovec(iov_base: buffers + index * size, iov_len: size)
                    var header = msghdr()
                    header.msg_name = UnsafeMutableRawPointer(names + index)
                    header.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
                    header.msg_iov = iovecs + index
                    header.msg_iovlen = 1
                    headers[index] = CLinux_mmsghdr(msg_hdr: header, msg_len: 0)
                }
                let count = Int(CLinux_recvmmsg(fd, headers, UInt32(batch), Int32(MSG_DONTWAIT), nil))
                if count <= 0 { break }
                var answers = 0
                for index in 0..<count {
                    let length = Int(headers[index].msg_len)
                    guard length >= 12 else { continue }
                    let message = buffers + index * size
                    message.storeBytes(of: message.load(fromByteOffset: 2, as: UInt8.self) | 0x80, toByteOffset: 2, as: UInt8.self)
                    iovecs[index].iov_len = length
                    if answers != index { headers[answers] = headers[index] }
                    headers[answers].msg_hdr.msg_iov = iovecs + index
                    answers += 1
                }
                var offset = 0
                while offset < answers {
                    let sent = Int(CLinux_sendmmsg(fd, headers + offset, UInt32(answers - offset), 0))
                    if sent <= 0 { break }
                    offset += sent
                }
                if count < batch { break }
            }
        }
    }
}
