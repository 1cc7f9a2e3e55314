#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection for the long transfers (AXFR) that run on their own thread: blocking
/// in spirit, but every wait is a `poll` with a deadline so a stalled server cannot hang
/// the thread.
final class BlockingTCPConnection {
    private let fd: Int32
    let server: ServerAddress
    let timeoutMilliseconds: Int32
    /// No wait goes past this instant, whatever the per-read timeout: the bound on a whole
    /// transfer. Reaching it is a timeout.
    var deadline: ContinuousClock.Instant?

    init(to server: ServerAddress, timeout: Duration) throws {
        self.server = server
        timeoutMilliseconds = Self.pollMilliseconds(timeout)
        let peer = try PeerSocketAddress(server, transport: .tcp)
        fd = socket(peer.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw Self.error(.system, server, errno) }
        let result = peer.connect(fd)
        if result != 0 {
            guard result == EINPROGRESS else {
                close(fd)
                throw Self.error(TransportError.code(forErrno: result), server, result)
            }
            do {
                try wait(for: Int16(POLLOUT))
            } catch {
                close(fd)
                throw error
            }
            var pending: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &length)
            if pending != 0 {
                close(fd)
                throw Self.error(TransportError.code(forErrno: pending), server, pending)
            }
        }
    }

    deinit { close(fd) }

    /// Sends one DNS message with its RFC 7766 length prefix.
    func sendMessage(_ message: [UInt8]) throws {
        var framed: [UInt8] = [UInt8(message.count >> 8), UInt8(message.count & 0xFF)]
        framed.append(contentsOf: message)
        var sent = 0
        while sent < framed.count {
            let result = framed[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if result < 0 {
                if errno == EAGAIN || errno == EINTR {
                    try wait(for: Int16(POLLOUT))
                    continue
                }
                throw Self.error(TransportError.code(forErrno: errno), server, errno)
            }
            sent += result
        }
    }

    /// Reads one length-prefixed message; nil when the peer closed cleanly between messages.
    func receiveMessage() throws -> [UInt8]? {
        guard let prefix = try read(exactly: 2, allowCleanEOF: true) else { return nil }
        let length = Int(prefix[0]) << 8 | Int(prefix[1])
        guard let body = try read(exactly: length, allowCleanEOF: false) else {
            throw Self.error(.reset, server, nil)
        }
        return body
    }

    private func read(exactly count: Int, allowCleanEOF: Bool) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = buffer.withUnsafeMutableBytes { raw in
                recv(fd, raw.baseAddress! + filled, count - filled, 0)
            }
            if result == 0 {
                if filled == 0 && allowCleanEOF { return nil }
                throw Self.error(.reset, server, nil)
            }
            if result < 0 {
                if errno == EAGAIN || errno == EINTR {
                    try wait(for: Int16(POLLIN))
                    continue
                }
                throw Self.error(TransportError.code(forErrno: errno), server, errno)
            }
            filled += result
        }
        return buffer
    }

    private func wait(for events: Int16) throws {
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        while true {
            var wait = timeoutMilliseconds
            if let deadline {
                // Rounded up, so the wait never ends just before the deadline.
                wait = min(wait, Self.pollMilliseconds(deadline - ContinuousClock.now, roundingUp: true))
            }
            let ready = poll(&descriptor, 1, wait)
            if ready > 0 { return }
            if ready == 0 {
                if wait < timeoutMilliseconds, let deadline, ContinuousClock.now < deadline { continue }
                throw Self.error(.timeout, server, nil)
            }
            if errno != EINTR { throw Self.error(.system, server, errno) }
        }
    }

    /// `duration` in milliseconds for poll(2), clamped to 0...Int32.max: a negative wait is
    /// none (poll would take it for for ever) and one past 24 days is 24 days, never an
    /// overflow of `seconds * 1000`.
    static func pollMilliseconds(_ duration: Duration, roundingUp: Bool = false) -> Int32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        guard seconds <= Int64(Int32.max) / 1000 else { return Int32.max }
        let unit: Int64 = 1_000_000_000_000_000
        let fraction = roundingUp ? (attoseconds + unit - 1) / unit : attoseconds / unit
        return Int32(clamping: max(0, seconds * 1000 + fraction))
    }

    static func error(_ code: TransportError.Code, _ server: ServerAddress, _ errno: Int32?) -> TransportError {
        TransportError(code: code, server: server, transport: .tcp, errno: errno)
    }
}
