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

    init(target: ServerAddress, queries: QuerySet, connections: Int) throws {
        self.target = target
        self.queries = queries
        self.connections = max(1, connections)
        address = try SocketAddress(target)
        headerBytes = (address.family == AF_INET6 ? 40 : 20) + 32 + 2
    }

    func run(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) async -> PhaseMeasurement {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.runBlocking(phase, live: live, stop: stop)) }
            thread.name = "dnsward-headroom-tcp-send"
            thread.start()
        }
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
                buckets: (0..<phase.bucketCount).map { index in
                    let from = Double(index) * phase.bucketSeconds
                    let to = min(from + phase.bucketSeconds, phase.schedule.seconds)
                    return BucketMeasurement(
                        start: from, seconds: to - from,
                        scheduled: Int(phase.schedule.scheduled(at: to)) - Int(phase.schedule.scheduled(at: from)),
                        send: SendTally(digits: phase.digits),
                        receive: ReceiveTally(digits: phase.digits, timeoutMicroseconds: phase.answerTimeoutMicroseconds),
                        earlyLag: 0, lateLag: 0)
                },
                sendingSeconds: 0, interrupted: stop.isStopped, refused: phase.schedule.total, lastSendError: ECONNREFUSED,
                unmatched: 0, ownSocketDrops: 0, hostReceiveBufferErrors: 0, hostInErrors: 0, gsoUsed: false,
                connectionsClosed: connections)
        }
        let table = InFlightTable(sockets: fds.count)
        let closed = ClosedConnections(count: fds.count)
        let shared = PhaseShared()
        let rampGuard = phase.stopAfterBadBuckets.map { RampGuard(phase: phase, lossPercent: phase.stopLossPercent, badBuckets: $0) }
        let receiver = TCPReceiver(fds: fds, table: table, queries: queries, phase: phase, shared: shared, live: live, closed: closed,
                                   start: start, rampGuard: rampGuard)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            receiver.run()
            done.signal()
        }
        thread.name = "dnsward-headroom-tcp-receive"
        thread.start()
        var sender = TCPSender(fds: fds, table: table, queries: queries, phase: phase, start: start, live: live, closed: closed)
        sender.rampGuard = rampGuard
        let sent = sender.run(stop: stop)
        shared.finishSending(at: MonotonicClock.now(), sent: sent.sentTotal, interrupted: sent.interrupted)
        done.wait()
        var buckets: [BucketMeasurement] = []
        for index in 0..<phase.bucketCount {
            let from = Double(index) * phase.bucketSeconds
            let to = min(from + phase.bucketSeconds, phase.schedule.seconds)
            buckets.append(BucketMeasurement(
                start: from, seconds: to - from,
                scheduled: Int(phase.schedule.scheduled(at: to)) - Int(phase.schedule.scheduled(at: from)),
                send: sender.tallies[index], receive: receiver.tallies[index],
                earlyLag: sender.quarterLag(bucket: index, quarter: 0), lateLag: sender.quarterLag(bucket: index, quarter: 3)))
        }
        return PhaseMeasurement(
            buckets: buckets, sendingSeconds: sent.seconds, interrupted: sent.interrupted, refused: sender.refused,
            lastSendError: sender.lastError, unmatched: receiver.unmatched, ownSocketDrops: 0,
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
    let phase: PhaseRequest
    let start: UInt64
    let live: LiveCounters
    let closed: ClosedConnections

    var tallies: [SendTally]
    var rampGuard: RampGuard?
    var refused = 0
    var lastError: Int32?
    private var pending: [[UInt8]]
    private var lagSums: [Double]
    private var lagCounts: [Int]
    private var nextID: [UInt16]

    init(fds: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, start: UInt64, live: LiveCounters,
         closed: ClosedConnections) {
        self.fds = fds
        self.table = table
        self.queries = queries
        self.phase = phase
        self.start = start
        self.live = live
        self.closed = closed
        tallies = (0..<phase.bucketCount).map { _ in SendTally(digits: phase.digits) }
        pending = fds.map { _ in [] }
        lagSums = Array(repeating: 0, count: phase.bucketCount * 4)
        lagCounts = Array(repeating: 0, count: phase.bucketCount * 4)
        nextID = fds.map { _ in UInt16.random(in: 0...UInt16.max) }
    }

    func quarterLag(bucket: Int, quarter: Int) -> Double {
        let index = bucket * 4 + quarter
        return lagCounts[index] == 0 ? 0 : lagSums[index] / Double(lagCounts[index])
    }

    mutating func run(stop: StopSignal) -> (sentTotal: Int, seconds: Double, interrupted: Bool) {
        let schedule = phase.schedule
        let total = schedule.total
        let end = start + UInt64(schedule.seconds * 1e9)
        let interval = UInt64(min(max(16 / max(schedule.startRate, schedule.endRate, 1), 50e-6), 500e-6) * 1e9)
        MonotonicClock.sleep(until: start)
        var k = 0
        var connection = 0
        var interrupted = false
        var last = start
        var finalBatchTried = false
        while k < total {
            if stop.isStopped { interrupted = true; break }
            if rampGuard?.enough.isStopped == true { break }
            let now = MonotonicClock.now()
            last = now
            // Past the end one last batch may still go (queries due just before it).
            let pastEnd = now >= end
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
            let due = schedule.due(at: Double(now - start) / 1e9)
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
            let nextDue = start + UInt64(schedule.intendedTime(of: k) * 1e9)
            MonotonicClock.sleep(until: min(max(nextDue, now + interval), end))
        }
        // What is already framed still goes out, briefly.
        let flushDeadline = MonotonicClock.now() + 200_000_000
        while fds.indices.contains(where: { !pending[$0].isEmpty && !closed.isClosed($0) }) && MonotonicClock.now() < flushDeadline {
            for index in fds.indices where !pending[index].isEmpty { flush(index) }
            MonotonicClock.sleep(until: MonotonicClock.now() + 100_000)
        }
        let sent = tallies.reduce(0) { $0 + $1.sent }
        return (sent, Double(min(last, end) - start) / 1e9, interrupted)
    }

    private mutating func enqueue(first: Int, count: Int, connection: Int, now: UInt64) {
        let lastBucket = tallies.count - 1
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
            let intendedOffset = phase.schedule.intendedTime(of: k)
            let bucket = min(Int(intendedOffset / phase.bucketSeconds), lastBucket)
            let intended = start + UInt64(intendedOffset * 1e9)
            table.fill(socket: connection, id: id, intendedTime: max(intended, 1), query: query, bucket: bucket)
            let lag = now > intended ? (now - intended) / 1000 : 0
            tallies[bucket].sent += 1
            rampGuard?.recordSent(bucket: bucket)
            tallies[bucket].bytes += length
            _ = tallies[bucket].lag.record(min(max(lag, 1), SendTally.lagCeiling))
            let within = intendedOffset - Double(bucket) * phase.bucketSeconds
            let quarter = min(3, max(0, Int(within / phase.bucketSeconds * 4)))
            lagSums[bucket * 4 + quarter] += Double(lag)
            lagCounts[bucket * 4 + quarter] += 1
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
    let table: InFlightTable
    let queries: QuerySet
    let phase: PhaseRequest
    let shared: PhaseShared
    let live: LiveCounters
    let closed: ClosedConnections
    let start: UInt64
    let rampGuard: RampGuard?
    var tallies: [ReceiveTally]
    var unmatched = 0
    private var claimed = 0
    private var streams: [[UInt8]]

    init(fds: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, shared: PhaseShared, live: LiveCounters,
         closed: ClosedConnections, start: UInt64, rampGuard: RampGuard?) {
        self.start = start
        self.rampGuard = rampGuard
        self.fds = fds
        self.table = table
        self.queries = queries
        self.phase = phase
        self.shared = shared
        self.live = live
        self.closed = closed
        tallies = (0..<phase.bucketCount).map { _ in
            ReceiveTally(digits: phase.digits, timeoutMicroseconds: phase.answerTimeoutMicroseconds)
        }
        streams = fds.map { _ in [] }
    }

    func run() {
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        var pollSet = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let timeoutNanos = UInt64(phase.answerTimeout * 1e9)
        while true {
            if let ended = shared.ended {
                let now = MonotonicClock.now()
                let drain = ended.interrupted ? min(timeoutNanos, UDPReceiver.interruptedDrainNanos) : timeoutNanos
                if now >= ended.time + drain || claimed >= ended.sent { break }
            }
            if closed.count == fds.count { 
                if shared.ended != nil { break }
                MonotonicClock.sleep(until: MonotonicClock.now() + 2_000_000)
                continue
            }
            rampGuard?.check(now: MonotonicClock.now(), start: start) { self.tallies[$0].answered }
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
                split(index, arrival: arrival, timeoutNanos: timeoutNanos)
            }
        }
    }

    private func split(_ index: Int, arrival: UInt64, timeoutNanos: UInt64) {
        var offset = 0
        streams[index].withUnsafeBytes { bytes in
            while bytes.count - offset >= 2 {
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                guard bytes.count - offset - 2 >= length else { break }
                handle(UnsafeRawBufferPointer(rebasing: bytes[(offset + 2)..<(offset + 2 + length)]), connection: index,
                       arrival: arrival, timeoutNanos: timeoutNanos)
                offset += 2 + length
            }
        }
        if offset > 0 { streams[index].removeFirst(offset) }
    }

    private func handle(_ message: UnsafeRawBufferPointer, connection: Int, arrival: UInt64, timeoutNanos: UInt64) {
        guard message.count >= 12, message[2] & 0x80 != 0 else { unmatched += 1; return }
        let id = UInt16(message[0]) << 8 | UInt16(message[1])
        guard let query = table.peekQuery(socket: connection, id: id), message[4] == 0, message[5] == 1 else {
            unmatched += 1
            return
        }
        let length = queries.questionLengths[query]
        let same = message.count >= 12 + length && queries.wire.withUnsafeBytes { wire in
            memcmp(wire.baseAddress! + queries.offsets[query] + 12, message.baseAddress! + 12, length) == 0
        }
        guard same, let entry = table.claim(socket: connection, id: id) else { unmatched += 1; return }
        claimed += 1
        let latency = arrival > entry.intendedTime ? arrival - entry.intendedTime : 0
        if latency > timeoutNanos {
            tallies[entry.bucket].late += 1
            return
        }
        tallies[entry.bucket].answered += 1
        tallies[entry.bucket].bytes += message.count
        tallies[entry.bucket].rcodes[Int(message[3] & 0x0F)] += 1
        _ = tallies[entry.bucket].latency.record(max(1, min(latency / 1000, phase.answerTimeoutMicroseconds)))
        live.answeredCount.add(1, ordering: .relaxed)
    }
}
