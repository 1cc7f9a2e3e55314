import CLinux
import Glibc

extension ReactorLoop {
    func startUDP(_ query: PendingQuery) {
        let now = ReactorClock.now()
        switch socketForNewQuery(query, now: now) {
        case .success(let socket):
            socket.uses += 1
            query.udpSocket = socket
            query.udpIgnoredBaseline = socket.ignoredAnswers
            sendUDPAttempt(query, on: socket, now: now)
        case .failure(let failure):
            finish(query, .failure(failure))
        }
    }

    /// Sends one attempt under a fresh ID and (re)arms the deadline. The datagram leaves
    /// with the others of this loop iteration, in one `sendmmsg` per socket.
    func sendUDPAttempt(_ query: PendingQuery, on socket: UDPSocket, now: UInt64) {
        var id = randomID()
        while socket.pending[id] != nil { id = randomID() }
        socket.pending[id] = query
        query.udpAttempts.append(.init(id: id, sentAt: now))
        socket.lastActivity = now
        deadlines.schedule(query, at: now &+ query.timeoutNanos)
        if socket.outgoing.isEmpty { socketsToFlush.append(socket) }
        socket.outgoing.append(query)
    }

    /// Sends every queued datagram, a batch per system call.
    func flushUDPSends() {
        guard !socketsToFlush.isEmpty else { return }
        let sockets = socketsToFlush
        socketsToFlush.removeAll(keepingCapacity: true)
        for socket in sockets { flush(socket) }
    }

    private func flush(_ socket: UDPSocket) {
        // Only queries still waiting on this socket: one may have ended since it was queued.
        var queued = socket.outgoing.filter { queries[$0.token] === $0 && $0.udpSocket === socket }[...]
        socket.outgoing.removeAll(keepingCapacity: true)
        let batch = udpBatch
        while !queued.isEmpty {
            var count = 0
            var offset = 0
            for query in queued.prefix(UDPBatch.messages) {
                let length = query.message.count
                guard count == 0 || offset + length <= batch.sendArenaBytes else { break }
                if length > batch.sendArenaBytes {
                    // Larger than any UDP datagram can be: the kernel would refuse it too.
                    break
                }
                query.message.withUnsafeBytes { bytes in
                    (batch.sendArena + offset).copyMemory(from: bytes.baseAddress!, byteCount: length)
                }
                // The latest attempt's ID: a retry queued before its predecessor left sends the newer ID twice.
                let id = query.udpAttempts.last!.id
                batch.sendArena.storeBytes(of: UInt8(truncatingIfNeeded: id >> 8), toByteOffset: offset, as: UInt8.self)
                batch.sendArena.storeBytes(of: UInt8(truncatingIfNeeded: id), toByteOffset: offset + 1, as: UInt8.self)
                batch.iovecs[count] = iovec(iov_base: batch.sendArena + offset, iov_len: length)
                var header = msghdr()
                header.msg_iov = batch.iovecs + count
                header.msg_iovlen = 1
                batch.headers[count] = CLinux_mmsghdr(msg_hdr: header, msg_len: 0)
                offset += length
                count += 1
            }
            if count == 0 {
                let query = queued.removeFirst()
                finish(query, .failure(error(.messageTooLarge, for: query, errno: EMSGSIZE, detail: "\(query.message.count) bytes")))
                continue
            }
            let sent = CLinux_sendmmsg(socket.fd, batch.headers, UInt32(count), Int32(MSG_NOSIGNAL))
            if sent > 0 {
                for _ in 0..<Int(sent) { counters.recordSent() }
                queued.removeFirst(Int(sent))
                continue
            }
            let failure = errno
            let query = queued.first!
            switch failure {
            case EAGAIN, EWOULDBLOCK, ENOBUFS, EINTR:
                // A full send queue is what a lossy path looks like too: leave it to the
                // deadline and the retry, like any lost datagram.
                return
            case EMSGSIZE:
                queued.removeFirst()
                finish(query, .failure(error(.messageTooLarge, for: query, errno: failure,
                                             detail: "\(query.message.count) bytes")))
            case ECONNREFUSED, ECONNRESET, ENETUNREACH, EHOSTUNREACH:
                // A pending ICMP error belongs to the socket, not to this datagram.
                failSocket(socket, errno: failure)
                return
            default:
                queued.removeFirst()
                finish(query, .failure(error(.system, for: query, errno: failure)))
            }
        }
    }

    func readUDP(_ socket: UDPSocket) {
        let batch = udpBatch
        var read = 0
        while read < Self.readsPerEvent {
            batch.prepareReceive()
            let count = CLinux_recvmmsg(socket.fd, batch.headers, UInt32(UDPBatch.messages), 0, nil)
            if count < 0 {
                let failure = errno
                switch failure {
                case EAGAIN, EWOULDBLOCK:
                    return
                case EINTR:
                    continue
                default:
                    failSocket(socket, errno: failure)
                    return
                }
            }
            for index in 0..<Int(count) {
                counters.recordReceived()
                handleDatagram(batch.received(index), on: socket)
                // The answer may have drained and closed a retired socket.
                if socket.retired && socket.pending.isEmpty { return }
            }
            read += Int(count)
            if Int(count) < UDPBatch.messages { return }
        }
    }

    private func handleDatagram(_ datagram: UnsafeRawBufferPointer, on socket: UDPSocket) {
        guard datagram.count >= QuestionMatcher.headerLength else {
            ignored(on: socket)
            return
        }
        let id = UInt16(datagram[0]) << 8 | UInt16(datagram[1])
        guard let query = socket.pending[id],
              query.message.withUnsafeBytes({ query.question.matches(response: datagram, query: $0) }) else {
            ignored(on: socket)
            return
        }
        let now = ReactorClock.now()
        let sentAt = query.udpAttempts.first(where: { $0.id == id })?.sentAt ?? now
        let rtt = ReactorClock.duration(from: sentAt, to: now)
        socket.lastActivity = now

        let truncated = datagram[2] & 0x02 != 0
        if truncated {
            counters.recordTruncated()
            if query.options.tcpFallbackOnTruncation {
                detachUDP(query)
                query.truncatedFallback = true
                startTCP(query)
                return
            }
        }
        let response = RawResponse(bytes: Array(datagram), rtt: rtt, transport: .udp,
                                   server: query.server, truncatedFallback: false, ignoredAnswers: query.ignoredSoFar)
        finish(query, .success(response))
    }

    private func ignored(on socket: UDPSocket) {
        counters.recordIgnored()
        socket.ignoredAnswers += 1
    }

    /// An error reported on the socket itself (typically ICMP port
    /// unreachable) cannot be pinned on one datagram, so every query waiting
    /// on the socket shares it, and the socket is replaced.
    func failSocket(_ socket: UDPSocket, errno failure: Int32) {
        let code = TransportError.code(forErrno: failure)
        if socket.pool.active === socket { socket.pool.active = nil }
        socket.retired = true
        for query in socket.pending.values {
            finish(query, .failure(error(code, for: query, errno: failure,
                                         attempts: max(query.udpAttempts.count, 1))))
        }
        socket.pending.removeAll()
        retire(socket)
    }

    /// Unregisters every ID of the query from its UDP socket.
    func detachUDP(_ query: PendingQuery) {
        guard let socket = query.udpSocket else { return }
        query.ignoredAnswers = query.ignoredSoFar
        query.udpSocket = nil
        for attempt in query.udpAttempts where socket.pending[attempt.id] === query {
            socket.pending.removeValue(forKey: attempt.id)
        }
        if socket.retired && socket.pending.isEmpty { closeUDP(socket) }
    }

    /// Stops new queries from using `socket`; it closes once drained.
    func retire(_ socket: UDPSocket) {
        socket.retired = true
        if socket.pool.active === socket { socket.pool.active = nil }
        if socket.pending.isEmpty { closeUDP(socket) }
    }

    private func closeUDP(_ socket: UDPSocket) {
        let index = Int(socket.fd)
        // Guard against closing twice: the slot still names this socket only
        // while its descriptor is open.
        guard index < slots.count, case .udp(let current)? = slots[index].handler, current === socket else { return }
        closeDescriptor(socket.fd)
    }

    private func socketForNewQuery(_ query: PendingQuery, now: UInt64) -> Result<UDPSocket, TransportError> {
        func failure(_ value: Int32) -> Result<UDPSocket, TransportError> {
            .failure(error(TransportError.code(forErrno: value), for: query, errno: value))
        }
        let pool: UDPServerPool
        if let existing = pools[query.server] {
            pool = existing
        } else {
            let address: PeerSocketAddress
            do {
                address = try PeerSocketAddress(query.server, transport: .udp)
            } catch {
                return .failure(error)
            }
            pool = UDPServerPool(server: query.server, address: address)
            pools[query.server] = pool
        }
        if let active = pool.active {
            if active.uses < UDPServerPool.usesPerSocket && active.pending.count < UDPServerPool.maxInFlightPerSocket {
                return .success(active)
            }
            retire(active)
        }

        let fd = socket(pool.address.family, Int32(SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return failure(errno) }
        let connectError = pool.address.connect(fd)
        guard connectError == 0 else {
            close(fd)
            return failure(connectError)
        }
        var created: UDPSocket?
        let registered = register(fd, events: Epoll.readable) { key in
            let socket = UDPSocket(fd: fd, key: key, pool: pool, now: now)
            created = socket
            return .udp(socket)
        }
        guard case .success = registered, let socket = created else {
            close(fd)
            if case .failure(let registerError) = registered { return failure(registerError.value) }
            return failure(EIO)
        }
        pool.active = socket
        return .success(socket)
    }

    /// Closes sockets nobody has used for a while so a long-lived transport
    /// does not hold one descriptor per server it ever talked to.
    func sweepIdleSockets(now: UInt64) {
        nextSweep = now &+ Self.sweepIntervalNanos
        for (server, pool) in pools {
            if let active = pool.active, active.pending.isEmpty,
               now &- active.lastActivity >= Self.idleSocketNanos {
                retire(active)
            }
            if pool.active == nil { pools.removeValue(forKey: server) }
        }
    }
}
