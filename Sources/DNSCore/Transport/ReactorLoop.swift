import CLinux
import Glibc

/// The reactor thread's private world: epoll, sockets, pending queries and
/// their deadlines. Created on the reactor thread and never shared, which is
/// what lets it be a plain non-Sendable class without locks.
final class ReactorLoop {
    /// epoll key of the eventfd; socket keys are (generation << 32 | fd) and
    /// generation starts at 1, so this can never collide.
    static let wakeKey: UInt64 = 0

    /// Upper bound on one epoll_wait while queries are pending, so a deadline
    /// is never overslept by much even if the clock arithmetic were off.
    static let maxWaitWhileBusyMillis: Int32 = 10
    /// How long an unused UDP socket is kept for the next query to its server.
    static let idleSocketNanos: UInt64 = 3_000_000_000
    static let sweepIntervalNanos: UInt64 = 1_000_000_000
    static let receiveBufferSize = 65_536
    /// Datagrams read per readiness event before looking at other sockets.
    static let readsPerEvent = 64
    /// Inbox rounds per loop iteration before sockets are looked at again, so
    /// tasks that keep submitting on the reactor cannot starve the answers.
    static let drainRounds = 4

    enum Handler {
        case udp(UDPSocket)
        case tcp(TCPConnection)
    }

    struct Slot {
        var generation: UInt32 = 0
        var handler: Handler?
    }

    let reactor: Reactor
    let counters: TransportCounters
    let epollFD: Int32
    var queries: [UInt64: PendingQuery] = [:]
    var deadlines = QueryDeadlineHeap()
    var pools: [ServerAddress: UDPServerPool] = [:]
    /// Answered TCP connections waiting for the next query to their server.
    var idleTCP: [ServerAddress: [TCPConnection]] = [:]
    /// Indexed by file descriptor.
    var slots: [Slot] = []
    var nextGeneration: UInt32 = 1
    var nextSweep: UInt64 = 0
    /// Outcomes decided during one loop iteration, handed out together at
    /// its end: waking the executor once for a burst of answers is cheaper
    /// than once per answer, and callers' new queries then meet a reactor
    /// that is about to poll again.
    var completions: [(ResponseTicket, ResponseTicket.Outcome)] = []
    /// Sockets with datagrams queued in this iteration, flushed together before it ends.
    var socketsToFlush: [UDPSocket] = []
    let udpBatch = UDPBatch()
    var random = SystemRandomNumberGenerator()
    var randomBits: UInt64 = 0
    var randomBitsLeft = 0
    let buffer: UnsafeMutableRawBufferPointer

    init(reactor: Reactor) {
        self.reactor = reactor
        counters = reactor.counters
        epollFD = reactor.epollFD
        buffer = .allocate(byteCount: Self.receiveBufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func run() {
        var commands: [Reactor.Command] = []
        commands.reserveCapacity(256)
        var jobs: [UnownedJob] = []
        jobs.reserveCapacity(256)
        let executor = reactor.asUnownedTaskExecutor()
        let events = UnsafeMutablePointer<Epoll.Ready>.allocate(capacity: Epoll.batch)
        defer { events.deallocate() }

        while true {
            // Jobs run here send their next queries into the inbox, so it is
            // drained until quiet (or for a bounded number of rounds) and those
            // queries leave in the same sendmmsg as the rest.
            var stopRequested = false
            for _ in 0..<Self.drainRounds {
                let taken = reactor.take(commands: &commands, jobs: &jobs)
                if taken.stopRequested {
                    stopRequested = true
                    break
                }
                guard taken.gotWork else { break }
                for command in commands { handle(command) }
                commands.removeAll(keepingCapacity: true)
                deliverCompletions()
                for job in jobs { job.runSynchronously(on: executor) }
                jobs.removeAll(keepingCapacity: true)
            }
            if stopRequested {
                rejectAfterShutdown(commands)
                for job in jobs { reactor.runAfterStop(job) }
                break
            }
            flushUDPSends()
            deliverCompletions()

            var timeout = waitTimeout(now: ReactorClock.now())
            let sleeping = timeout != 0 && reactor.prepareToSleep()
            if !sleeping { timeout = 0 }
            let count = Epoll.wait(epollFD, events, timeoutMillis: timeout)
            if sleeping { reactor.markAwake() }
            if count > 0 {
                for index in 0..<Int(count) {
                    dispatch(key: events[index].key, events: events[index].events)
                }
            }
            let now = ReactorClock.now()
            expireDeadlines(now: now)
            if now >= nextSweep {
                sweepIdleSockets(now: now)
                sweepIdleConnections(now: now)
            }
            flushUDPSends()
            deliverCompletions()
        }
        shutDown()
    }

    private func handle(_ command: Reactor.Command) {
        switch command {
        case .submit(let submission):
            // Cancelled between handing over the query and this point: the
            // caller has its answer already, so don't put anything on the wire.
            if submission.ticket.isSettled { return }
            let query = PendingQuery(submission)
            queries[query.token] = query
            if query.transport == .udp {
                startUDP(query)
            } else {
                startTCP(query)
            }
        case .cancel(let token):
            if let query = queries[token] {
                finish(query, .failure(error(.cancelled, for: query)))
            }
        }
    }

    private func waitTimeout(now: UInt64) -> Int32 {
        if let earliest = deadlines.earliest {
            guard earliest > now else { return 0 }
            let millis = (earliest - now + 999_999) / 1_000_000
            return Int32(min(millis, UInt64(Self.maxWaitWhileBusyMillis)))
        }
        if !pools.isEmpty || !idleTCP.isEmpty {
            // Only so idle sockets and connections get closed eventually.
            guard nextSweep > now else { return 0 }
            return Int32(min((nextSweep - now) / 1_000_000 + 1, 1_000))
        }
        return -1
    }

    private func dispatch(key: UInt64, events: UInt32) {
        if key == Self.wakeKey {
            var value: UInt64 = 0
            _ = withUnsafeMutableBytes(of: &value) { read(reactor.wakeFD, $0.baseAddress, 8) }
            return
        }
        let fd = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
        guard fd < slots.count, slots[fd].generation == UInt32(truncatingIfNeeded: key >> 32),
              let handler = slots[fd].handler else {
            // The descriptor was closed (and maybe reused) earlier in this batch.
            return
        }
        switch handler {
        case .udp(let socket):
            readUDP(socket)
        case .tcp(let connection):
            handleTCP(connection, events: events)
        }
    }

    private func expireDeadlines(now: UInt64) {
        while let query = deadlines.popExpired(now: now) {
            if query.transport == .udp, query.udpAttempts.count <= query.options.udpRetries,
               let socket = query.udpSocket {
                sendUDPAttempt(query, on: socket, now: now)
            } else {
                counters.recordTimeout()
                let attempts = query.transport == .udp ? max(query.udpAttempts.count, 1) : 1
                finish(query, .failure(error(.timeout, for: query, attempts: attempts)))
            }
        }
    }

    // MARK: - Completion

    /// Ends a query: releases everything it holds and resumes its caller.
    func finish(_ query: PendingQuery, _ outcome: ResponseTicket.Outcome) {
        guard queries.removeValue(forKey: query.token) != nil else { return }
        deadlines.remove(query)
        detachUDP(query)
        if let connection = query.tcpConnection {
            query.tcpConnection = nil
            abortiveClose(connection.fd)
        }
        completions.append((query.ticket, outcome))
    }

    func deliverCompletions() {
        guard !completions.isEmpty else { return }
        for (ticket, outcome) in completions { ticket.complete(outcome) }
        completions.removeAll(keepingCapacity: true)
    }

    func error(_ code: TransportError.Code, for query: PendingQuery, errno: Int32? = nil,
               attempts: Int = 1, detail: String? = nil) -> TransportError {
        TransportError(code: code, server: query.server, transport: query.transport,
                       errno: errno, attempts: attempts, detail: detail, ignoredAnswers: query.ignoredSoFar)
    }

    // MARK: - Descriptors

    /// Registers `fd` with epoll and returns its key, or the errno.
    func register(_ fd: Int32, events: UInt32, handler: (UInt64) -> Handler) -> Result<UInt64, TransportErrno> {
        let index = Int(fd)
        if index >= slots.count {
            slots.append(contentsOf: repeatElement(Slot(), count: index + 1 - slots.count))
        }
        let generation = nextGeneration
        nextGeneration = nextGeneration == UInt32.max ? 1 : nextGeneration + 1
        let key = UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
        guard Epoll.control(epollFD, Epoll.add, fd, events: events, key: key) == 0 else {
            return .failure(TransportErrno(errno))
        }
        slots[index] = Slot(generation: generation, handler: handler(key))
        return .success(key)
    }

    func modify(_ fd: Int32, key: UInt64, events: UInt32) {
        _ = Epoll.control(epollFD, Epoll.modify, fd, events: events, key: key)
    }

    /// Closes a TCP connection whose query has ended with a reset instead of a FIN: the
    /// answer is in (or given up on), and an orderly close would leave the connection in
    /// TIME_WAIT on our side for a minute. A run over 50,000 zones opens 200,000
    /// connections to the same two servers; with orderly closes the TIME_WAIT count
    /// reached the whole ephemeral port range (28,100 of 28,232 ports) after 40 s, and
    /// every connect then searched the range for a port it could reuse.
    func abortiveClose(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        closeDescriptor(fd)
    }

    /// Closing removes the descriptor from epoll by itself; the slot is
    /// cleared so events already fetched for it are dropped.
    func closeDescriptor(_ fd: Int32) {
        let index = Int(fd)
        if index < slots.count { slots[index].handler = nil }
        close(fd)
    }

    // MARK: - Randomness

    /// Message IDs must be unpredictable (RFC 5452); one system random draw
    /// yields four of them, which keeps the reactor's syscall count down.
    func randomID() -> UInt16 {
        if randomBitsLeft == 0 {
            randomBits = random.next()
            randomBitsLeft = 4
        }
        let id = UInt16(truncatingIfNeeded: randomBits)
        randomBits >>= 16
        randomBitsLeft -= 1
        return id
    }

    // MARK: - Shutdown

    private func shutDown() {
        socketsToFlush.removeAll()
        for query in Array(queries.values) {
            finish(query, .failure(error(.cancelled, for: query, detail: "transport shut down")))
        }
        deliverCompletions()
        for pool in pools.values {
            if let socket = pool.active { retire(socket) }
        }
        pools.removeAll()
        idleTCP.removeAll()
        for (index, slot) in slots.enumerated() where slot.handler != nil {
            // Idle TCP connections too: reset, as every connection we end.
            if case .tcp? = slot.handler { abortiveClose(Int32(index)) } else { closeDescriptor(Int32(index)) }
        }
        let leftover = reactor.markStopped()
        rejectAfterShutdown(leftover.commands)
        for job in leftover.jobs { reactor.runAfterStop(job) }
    }

    private func rejectAfterShutdown(_ commands: [Reactor.Command]) {
        for command in commands {
            if case .submit(let submission) = command {
                submission.ticket.complete(.failure(TransportError(
                    code: .cancelled, server: submission.server, transport: submission.options.transport,
                    detail: "transport shut down")))
            }
        }
    }
}
