import CLinux
import Glibc

/// The reactor's scratch space for batched UDP: the datagrams of one loop iteration leave
/// a socket in one `sendmmsg`, and answers come in by `recvmmsg`, many per system call.
/// Allocated once per reactor; confined to its thread.
final class UDPBatch {
    /// Datagrams per system call.
    static let messages = 32
    /// Every slot takes the largest UDP payload, so nothing is ever cut.
    static let slotBytes = 65_536

    let sendArena: UnsafeMutableRawPointer
    let sendArenaBytes = 256 * 1024
    let receiveArena: UnsafeMutableRawPointer
    let iovecs: UnsafeMutablePointer<iovec>
    let headers: UnsafeMutablePointer<CLinux_mmsghdr>

    init() {
        sendArena = .allocate(byteCount: sendArenaBytes, alignment: 16)
        receiveArena = .allocate(byteCount: Self.messages * Self.slotBytes, alignment: 16)
        iovecs = .allocate(capacity: Self.messages)
        headers = .allocate(capacity: Self.messages)
    }

    deinit {
        sendArena.deallocate()
        receiveArena.deallocate()
        iovecs.deallocate()
        headers.deallocate()
    }

    /// Points every header at its own receive slot.
    func prepareReceive() {
        for index in 0..<Self.messages {
            iovecs[index] = iovec(iov_base: receiveArena + index * Self.slotBytes, iov_len: Self.slotBytes)
            var header = msghdr()
            header.msg_iov = iovecs + index
            header.msg_iovlen = 1
            headers[index] = CLinux_mmsghdr(msg_hdr: header, msg_len: 0)
        }
    }

    func received(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: receiveArena + index * Self.slotBytes, count: Int(headers[index].msg_len))
    }
}
