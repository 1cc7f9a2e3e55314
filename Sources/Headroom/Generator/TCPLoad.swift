import CLinux
import Histogram
import DNSCore
import Foundation
import Glibc
import Synchronization

/// Open-loop load over TCP (RFC 7766): a few persistent connections, queries pipelined on
/// each without waiting for answers, written by the send thread and read by the receive
/// thread. Connections are opened for each phase and closed after it.
final class TCPLoad: LoadGenerator, @unchecked Sendable {
    let target: ServerAddress
    let queries: QuerySet
    let connections: Int
    private let address: SocketAddress
    /// IP + TCP (with timestamps) + the two-byte length: what each message costs on the
    /// wire when it travels alone; pipelined messages share segments, so this is an upper
    /// bound.
    let headerBytes: Int

    /// A connection's unsent bytes above which the send thread tries another connection.
    static let pendingLimit = 64 << 10

    init(target: ServerAddress, queries: QuerySet, connections: Int) {
        self.target = target
        self.queries = queries
        self.connections = max(1, connections)
        address = target.socketAddress
        headerBytes = (address.family == AF_INET6 ? 40 : 20) + 32 + 2
    }

    func run(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) async -> PhaseMeasurement {
        await GeneratorThread.run(named: "dnsward-headroom-tcp-send") { self.runBlocking(phase, live: live, stop: stop) }
    }

    private func connect() -> [Int32] {
        var fds: [Int32] = []
        for _ in 0..<connections {
            let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            var limit = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            guard address.connect(fd) == 0 else {
                close(fd)
                continue
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            fds.append(fd)
        }
        return fds
    }

    private func runBlocking(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) -> PhaseMeasurement {
        let fds = connect()
        defer { fds.forEach { close($0) } }
        let start = MonotonicClock.now() + 2_000_000
        guard !fds.isEmpty else {
            // Nobody accepts connections: every scheduled query counts as refused.
            return PhaseMeasurement(
                buckets: phase.buckets(send: phase.sendTallies(), receive: phase.receiveTallies(), quarterLag: { _, _ in 0 }),
                sendingSeconds: 0, interrupted: stop.isStopped, refused: phase.schedule.total, lastSendError: ECONNREFUSED,
                unmatched: 0, ownSocketDrops: 0, hostReceiveBufferErrors: 0, hostInErrors: 0, gsoUsed: false,
                connectionsClosed: connections)
        }
        let table = InFlightTable(sockets: fds.count)
        let closed = ClosedConnections(count: fds.count)
        let shared = PhaseShared()
        let rampGuard = RampGuard.guarding(phase)
        let receiver = TCPReceiver(fds: fds, table: table, queries: queries, phase: phase, shared: shared, live: live, closed: closed,
                                   start: start, rampGuard: rampGuard)
        let joinReceiver = GeneratorThread.start(named: "dnsward-headroom-tcp-receive") { receiver.run() }
        var sender = TCPSender(fds: fds, table: table, queries: queries, phase: phase, start: start, live: live, closed: closed,
                               rampGuard: rampGuard)
        let sent = sender.run(stop: stop)
        shared.finishSending(at: MonotonicClock.now(), sent: sent.sentTotal, interrupted: sent.interrupted)
        joinReceiver()
        let buckets = phase.buckets(send: sender.book.tallies, receive: receiver.book.tallies,
                                    quarterLag: sender.book.quarterLag)
        return PhaseMeasurement(
            buckets: buckets, sendingSeconds: sent.seconds, interrupted: sent.interrupted, refused: sender.refused,
            lastSendError: sender.lastError, unmatched: receiver.book.unmatched, ownSocketDrops: 0,
            hostReceiveBufferErrors: 0, hostInErrors: 0, gsoUsed: false, connectionsClosed: closed.count,
            stoppedEarlyAfter: rampGuard?.stoppedAfter)
    }
}

/// Which connections the server (or an error) closed; both threads look.
final class ClosedConnections: @unchecked Sendable {
    private let flags: UnsafeMutablePointer<Atomic<Bool>>
    private let size: Int
    private let total = Atomic<Int>(0)

    init(count: Int) {
        size = count
        flags = .allocate(capacity: count)
        for index in 0..<count { (flags + index).initialize(to: Atomic(false)) }
    }

    deinit {
        flags.deinitialize(count: size)
        flags.deallocate()
    }

    func close(_ index: Int) {
        if !flags[index].exchange(true, ordering: .relaxed) { total.add(1, ordering: .relaxed) }
    }

    func isClosed(_ index: Int) -> Bool { flags[index].load(ordering: .relaxed) }

    var count: Int { total.load(ordering: .relaxed) }
}

/// The send side of a TCP phase: frames queries into each connection's pending bytes
/// and writes as much as the kernel takes.
struct TCPSender {
    let fds: [Int32]
    let table: InFlightTable
    let queries: QuerySet
    let live: LiveCounters
    let closed: ClosedConnections

    private(set) var book: SendBookkeeping
    var refused = 0
    var lastError: Int32?
    private var pending: [[UInt8]]
    private var nextID: [UInt16]

    init(fds: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, start: UInt64, live: LiveCounters,
         closed: ClosedConnections, rampGuard: RampGuard?) {
        self.fds = fds
        self.table = table
        self.queries = queries
        self.live = live
        self.closed = closed
        book = SendBookkeeping(phase: phase, start: start, rampGuard: rampGuard)
        pending = fds.map { _ in [] }
        nextID = fds.map { _ in UInt16.random(in: 0...UInt16.max) }
    }

    mutating func run(stop: StopSignal) -> (sentTotal: Int, seconds: Double, interrupted: Bool) {
        let total = book.phase.schedule.total
        MonotonicClock.sleep(until: book.start)
        var k = 0
        var connection = 0
        var interrupted = false
        var last = book.start
        var finalBatchTried = false
        while k < total {
            if stop.isStopped { interrupted = true; break }
            if book.rampGuard?.enough.isStopped == true { break }
            let now = MonotonicClock.now()
            last = now
            // Past the end one last batch may still go (queries due just before it).
            let pastEnd = now >= book.end
            if pastEnd && finalBatchTried { break }
            if pastEnd { finalBatchTried = true }
            for index in fds.indices where !pending[index].isEmpty { flush(index) }
            let open = fds.indices.filter { !closed.isClosed($0) }
            if open.isEmpty {
                // Every connection is gone: what is left of the schedule cannot be sent.
                refused += total - k
                k = total
                break
            }
            let due = book.due(at: now)
            if due > k {
                var progressed = false
                for _ in 0..<fds.count {
                    connection = (connection + 1) % fds.count
                    if closed.isClosed(connection) || pending[connection].count >= TCPLoad.pendingLimit { continue }
                    let count = min(due - k, 64)
                    enqueue(first: k, count: count, connection: connection, now: now)
                    live.sentCount.add(count, ordering: .relaxed)
                    k += count
                    flush(connection)
                    progressed = true
                    break
                }
                if !progressed { MonotonicClock.sleep(until: MonotonicClock.now() + 20_000) }
                if due > k { continue }
            }
            book.sleep(untilDueOf: k, now: now)
        }
        // What is already framed still goes out, briefly.
        let flushDeadline = MonotonicClock.now() + 200_000_000
        while fds.indices.contains(where: { !pending[$0].isEmpty && !closed.isClosed($0) }) && MonotonicClock.now() < flushDeadline {
            for index in fds.indices where !pending[index].isEmpty { flush(index) }
            MonotonicClock.sleep(until: MonotonicClock.now() + 100_000)
        }
        return (book.sentTotal, book.sendingSeconds(until: last), interrupted)
    }

    private mutating func enqueue(first: Int, count: Int, connection: Int, now: UInt64) {
        for k in first..<first + count {
            let query = k % queries.count
            let length = queries.lengths[query]
            let id = nextID[connection]
            nextID[connection] = id &+ 1
            let offset = queries.offsets[query]
            pending[connection].append(UInt8(length >> 8))
            pending[connection].append(UInt8(length & 0xFF))
            pending[connection].append(UInt8(id >> 8))
            pending[connection].append(UInt8(id & 0xFF))
            pending[connection] += queries.wire[(offset + 2)..<(offset + length)]
            let slot = book.slot(of: k)
            table.fill(socket: connection, id: id, intendedTime: max(slot.intended, 1), query: query, bucket: slot.bucket)
            book.recordSent(slot, bytes: length, at: now)
        }
    }

    private mutating func flush(_ connection: Int) {
        guard !closed.isClosed(connection) else {
            pending[connection].removeAll()
            return
        }
        let written = pending[connection].withUnsafeBytes { send(fds[connection], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if written > 0 {
            pending[connection].removeFirst(written)
        } else if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            lastError = errno
            closed.close(connection)
            pending[connection].removeAll()
        }
    }
}

/// The receive side of a TCP phase: reads every connection's stream and splits it into
/// length-prefixed messages.
final class TCPReceiver: @unchecked Sendable {
    let fds: [Int32]
    let shared: PhaseShared
    let closed: ClosedConnections
    let start: UInt64
    let rampGuard: RampGuard?
    private(set) var book: ReceiveBookkeeping
    private var streams: [[UInt8]]

    init(fds: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, shared: PhaseShared, live: LiveCounters,
         closed: ClosedConnections, start: UInt64, rampGuard: RampGuard?) {
        self.start = start
        self.rampGuard = rampGuard
        self.fds = fds
        self.shared = shared
        self.closed = closed
        book = ReceiveBookkeeping(table: table, queries: queries, phase: phase, live: live, countsTruncation: false)
        streams = fds.map { _ in [] }
    }

    func run() {
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        var pollSet = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while !book.isDone(shared) {
            if closed.count == fds.count {
                if shared.ended != nil { break }
                MonotonicClock.sleep(until: MonotonicClock.now() + 2_000_000)
                continue
            }
            rampGuard?.check(now: MonotonicClock.now(), start: start) { self.book.tallies[$0].answered }
            guard poll(&pollSet, nfds_t(pollSet.count), 2) > 0 else { continue }
            for index in fds.indices where pollSet[index].revents != 0 && !closed.isClosed(index) {
                let count = chunk.withUnsafeMutableBytes { recv(fds[index], $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    closed.close(index)
                    pollSet[index].events = 0
                    continue
                }
                guard count > 0 else { continue }
                let arrival = MonotonicClock.now()
                streams[index] += chunk[0..<count]
                split(index, arrival: arrival)
            }
        }
    }

    private func split(_ index: Int, arrival: UInt64) {
        var offset = 0
        streams[index].withUnsafeBytes { bytes in
            while bytes.count - offset >= 2 {
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                guard bytes.count - offset - 2 >= length else { break }
                book.take(UnsafeRawBufferPointer(rebasing: bytes[(offset + 2)..<(offset + 2 + length)]), socket: index,
                          arrival: arrival)
                offset += 2 + length
            }
        }
        if offset > 0 { streams[index].removeFirst(offset) }
    }
}
