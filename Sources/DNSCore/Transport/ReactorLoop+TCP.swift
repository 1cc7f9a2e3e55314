import Glibc

extension ReactorLoop {
    /// Idle connections kept per server for the next query; an answered connection beyond
    /// that is closed.
    static let idleConnectionsPerServer = 32
    /// How long an idle connection waits for a next query. Well under the idle timeouts
    /// servers apply (NSD, BIND: tens of seconds and more), so it is nearly always we who
    /// close, with a reset: no TIME_WAIT on either side.
    static let idleConnectionNanos: UInt64 = 2_000_000_000

    /// Starts `query` over TCP: on an idle connection to its server when there is one,
    /// else on a new one (`fresh`: always a new one). `deadline`: keep this one instead of
    /// giving the query its whole timeout from now.
    func startTCP(_ query: PendingQuery, fresh: Bool = false, deadline: UInt64? = nil) {
        query.transport = .tcp
        guard query.message.count <= Int(UInt16.max) else {
            finish(query, .failure(error(.messageTooLarge, for: query,
                                         detail: "\(query.message.count) bytes exceed TCP's 16-bit length")))
            return
        }
        let now = ReactorClock.now()
        let id = randomID()
        if !fresh, let connection = takeIdleConnection(to: query.server, now: now) {
            connection.carry(query, id: id, at: now)
            connection.state = .writing
            query.tcpConnection = connection
            deadlines.schedule(query, at: deadline ?? now &+ query.timeoutNanos)
            writeTCP(connection)
            return
        }
        let address: PeerSocketAddress
        do {
            address = try PeerSocketAddress(query.server, transport: .tcp)
        } catch {
            finish(query, .failure(error))
            return
        }

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

        counters.recordTCPConnection()
        let connectError = address.connect(fd)
        guard connectError == 0 || connectError == EINPROGRESS else {
            close(fd)
            finish(query, .failure(error(TransportError.code(forErrno: connectError), for: query, errno: connectError)))
            return
        }
        var created: TCPConnection?
        let registered = register(fd, events: Epoll.writable) { key in
            let connection = TCPConnection(fd: fd, key: key, query: query, id: id, startedAt: now)
            connection.watching = Epoll.writable
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
        deadlines.schedule(query, at: deadline ?? now &+ query.timeoutNanos)
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
        case .idle:
            // Between queries the server has nothing to say: this is its close (or junk).
            dropIdle(connection)
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
                if failure == EAGAIN || failure == EWOULDBLOCK {
                    watch(connection, Epoll.writable)
                    return
                }
                failTCP(connection, errno: failure)
                return
            }
            connection.written += sent
        }
        counters.recordSent()
        connection.state = .reading
        connection.outgoing = []
        watch(connection, Epoll.readable)
    }

    /// Changes what epoll reports for the connection, if it changes (a reused connection
    /// is already watched for reading).
    private func watch(_ connection: TCPConnection, _ events: UInt32) {
        guard connection.watching != events else { return }
        connection.watching = events
        modify(connection.fd, key: connection.key, events: events)
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
        guard let query = connection.query else { return true }
        defer {
            if offset > 0 && query.tcpConnection === connection {
                connection.incoming.removeFirst(offset)
            }
        }
        while connection.incoming.count - offset >= 2 {
            let length = Int(connection.incoming[offset]) << 8 | Int(connection.incoming[offset + 1])
            guard connection.incoming.count - offset - 2 >= length else { break }
            let start = offset + 2
            offset = start + length
            counters.recordReceived()
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
            // Kept for the next query only when nothing else came and nothing more will: after
            // a transfer's first message the rest of the zone follows (a refused transfer is
            // one message: REFUSED, NOTAUTH).
            let rcode = connection.incoming[start + 3] & 0x0F
            let transferFollows = query.question.asksForTransfer(query.message) && rcode == 0
            if offset == connection.incoming.count, !transferFollows {
                query.tcpConnection = nil
                park(connection, now: ReactorClock.now())
            }
            finish(query, .success(response))
            return true
        }
        return false
    }

    private func failTCP(_ connection: TCPConnection, errno failure: Int32?) {
        guard let query = connection.query else {
            dropIdle(connection)
            return
        }
        let code: TransportError.Code
        if let failure {
            code = TransportError.code(forErrno: failure)
        } else {
            code = .reset
        }
        // The server closed a connection we reused before our question reached it (its
        // idle timeout raced our write): that says nothing about this query.
        if connection.reused, connection.incoming.isEmpty, code == .reset {
            query.tcpConnection = nil
            abortiveClose(connection.fd)
            startTCP(query, fresh: true, deadline: query.deadline)
            return
        }
        finish(query, .failure(error(code, for: query, errno: failure)))
    }

    // MARK: - Idle connections

    private func park(_ connection: TCPConnection, now: UInt64) {
        guard idleTCP[connection.server, default: []].count < Self.idleConnectionsPerServer else {
            abortiveClose(connection.fd)
            return
        }
        connection.query = nil
        connection.state = .idle
        connection.reused = true
        connection.idleSince = now
        connection.incoming.removeAll(keepingCapacity: true)
        idleTCP[connection.server, default: []].append(connection)
    }

    /// The most recently parked connection to `server` that has not waited too long.
    private func takeIdleConnection(to server: ServerAddress, now: UInt64) -> TCPConnection? {
        while let connection = idleTCP[server]?.popLast() {
            if idleTCP[server]?.isEmpty == true { idleTCP.removeValue(forKey: server) }
            if !Self.waitedTooLong(connection, now: now) { return connection }
            abortiveClose(connection.fd)
        }
        return nil
    }

    private static func waitedTooLong(_ connection: TCPConnection, now: UInt64) -> Bool {
        now &- connection.idleSince >= idleConnectionNanos
    }

    private func dropIdle(_ connection: TCPConnection) {
        idleTCP[connection.server]?.removeAll { $0 === connection }
        if idleTCP[connection.server]?.isEmpty == true { idleTCP.removeValue(forKey: connection.server) }
        abortiveClose(connection.fd)
    }

    func sweepIdleConnections(now: UInt64) {
        for (server, connections) in idleTCP {
            var kept: [TCPConnection] = []
            for connection in connections {
                if Self.waitedTooLong(connection, now: now) { abortiveClose(connection.fd) } else { kept.append(connection) }
            }
            idleTCP[server] = kept.isEmpty ? nil : kept
        }
    }
}
