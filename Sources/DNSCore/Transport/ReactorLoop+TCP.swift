import Glibc

extension ReactorLoop {
    func startTCP(_ query: PendingQuery) {
        query.transport = .tcp
        guard query.message.count <= Int(UInt16.max) else {
            finish(query, .failure(error(.messageTooLarge, for: query,
                                         detail: "\(query.message.count) bytes exceed TCP's 16-bit length")))
            return
        }
        let address: PeerSocketAddress
        do {
            address = try PeerSocketAddress(query.server, transport: .tcp)
        } catch {
            finish(query, .failure(error))
            return
        }
        let now = ReactorClock.now()
        let id = randomID()

        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            let failure = errno
            finish(query, .failure(error(.system, for: query, errno: failure)))
            return
        }
        // DNS messages are written whole; waiting for more data to coalesce
        // would only add latency.
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        let connectError = address.connect(fd)
        guard connectError == 0 || connectError == EINPROGRESS else {
            close(fd)
            finish(query, .failure(error(TransportError.code(forErrno: connectError), for: query, errno: connectError)))
            return
        }
        var created: TCPConnection?
        let registered = register(fd, events: Epoll.writable) { key in
            let connection = TCPConnection(fd: fd, key: key, query: query, id: id, startedAt: now)
            created = connection
            return .tcp(connection)
        }
        guard case .success = registered, let connection = created else {
            close(fd)
            var failure = EIO
            if case .failure(let registerError) = registered { failure = registerError.value }
            finish(query, .failure(error(.system, for: query, errno: failure)))
            return
        }
        query.tcpConnection = connection
        deadlines.schedule(query, at: now &+ query.timeoutNanos)
        // Loopback connects usually complete at once; writing now saves a
        // trip through epoll.
        if connectError == 0 {
            connection.state = .writing
            writeTCP(connection)
        }
    }

    func handleTCP(_ connection: TCPConnection, events: UInt32) {
        switch connection.state {
        case .connecting:
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &socketError, &length) != 0 {
                socketError = errno
            }
            if socketError != 0 {
                failTCP(connection, errno: socketError)
                return
            }
            guard events & (Epoll.writable | Epoll.error | Epoll.hangUp) != 0 else { return }
            connection.state = .writing
            writeTCP(connection)
        case .writing:
            writeTCP(connection)
        case .reading:
            readTCP(connection)
        }
    }

    private func writeTCP(_ connection: TCPConnection) {
        while connection.written < connection.outgoing.count {
            let sent = connection.outgoing.withUnsafeBytes { bytes in
                send(connection.fd, bytes.baseAddress! + connection.written, bytes.count - connection.written,
                     Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                let failure = errno
                if failure == EINTR { continue }
                if failure == EAGAIN || failure == EWOULDBLOCK { return } // EPOLLOUT is still armed
                failTCP(connection, errno: failure)
                return
            }
            connection.written += sent
        }
        counters.recordSent()
        connection.state = .reading
        connection.outgoing = []
        modify(connection.fd, key: connection.key, events: Epoll.readable)
    }

    private func readTCP(_ connection: TCPConnection) {
        while true {
            let count = recv(connection.fd, buffer.baseAddress, buffer.count, 0)
            if count == 0 {
                // Orderly close before a full answer: the server gave up on us.
                failTCP(connection, errno: nil)
                return
            }
            if count < 0 {
                let failure = errno
                if failure == EINTR { continue }
                if failure == EAGAIN || failure == EWOULDBLOCK { return }
                failTCP(connection, errno: failure)
                return
            }
            connection.incoming.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if consumeFrames(connection) { return }
        }
    }

    /// Handles every complete frame received so far; true when the query
    /// got its answer (and the connection is gone).
    private func consumeFrames(_ connection: TCPConnection) -> Bool {
        var offset = 0
        defer {
            if offset > 0 && connection.query.tcpConnection === connection {
                connection.incoming.removeFirst(offset)
            }
        }
        while connection.incoming.count - offset >= 2 {
            let length = Int(connection.incoming[offset]) << 8 | Int(connection.incoming[offset + 1])
            guard connection.incoming.count - offset - 2 >= length else { break }
            let start = offset + 2
            offset = start + length
            counters.recordReceived()
            let query = connection.query
            let accepted = connection.incoming.withUnsafeBytes { all in
                let frame = UnsafeRawBufferPointer(rebasing: all[start..<start + length])
                return frame.count >= QuestionMatcher.headerLength
                    && (UInt16(frame[0]) << 8 | UInt16(frame[1])) == connection.id
                    && query.message.withUnsafeBytes { query.question.matches(response: frame, query: $0) }
            }
            guard accepted else {
                // Keep listening: a server may send something stray before
                // the real answer, and the deadline bounds the wait anyway.
                counters.recordIgnored()
                query.ignoredAnswers += 1
                continue
            }
            let rtt = ReactorClock.duration(from: connection.startedAt, to: ReactorClock.now())
            let response = RawResponse(bytes: Array(connection.incoming[start..<start + length]), rtt: rtt,
                                       transport: .tcp, server: query.server,
                                       truncatedFallback: query.truncatedFallback, ignoredAnswers: query.ignoredSoFar)
            finish(query, .success(response))
            return true
        }
        return false
    }

    private func failTCP(_ connection: TCPConnection, errno failure: Int32?) {
        let query = connection.query
        let code: TransportError.Code
        if let failure {
            code = TransportError.code(forErrno: failure)
        } else {
            code = .reset
        }
        finish(query, .failure(error(code, for: query, errno: failure)))
    }
}
