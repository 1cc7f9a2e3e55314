import CLinux
import DNSCore
import Foundation
import Glibc
import Histogram
import Synchronization

/// Open-loop UDP load: a send thread that follows the schedule in batches (sendmmsg,
/// optionally UDP GSO), a receive thread that reads answers in batches (recvmmsg) with the
/// kernel's arrival time, several connected sockets so a server using SO_REUSEPORT
/// spreads the load over its workers.
final class UDPLoad: LoadGenerator, @unchecked Sendable {
    let target: ServerAddress
    let queries: QuerySet
    let headerBytes: Int
    private let sockets: [Int32]
    private let inodes: Set<UInt64>
    /// Set false for good the first time the kernel refuses a GSO send; phases run one
    /// at a time, so only one send thread ever reads or writes it.
    private var gso: Bool

    static let batchMessages = 64
    static let receiveBufferBytes = 4 << 20
    static let answerBufferBytes = 4096

    init(target: ServerAddress, queries: QuerySet, sockets count: Int, gso: Bool) throws {
        let address = target.socketAddress
        var sockets: [Int32] = []
        var inodes = Set<UInt64>()
        for _ in 0..<max(1, count) {
            let fd = socket(address.family, Int32(SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                let failure = errno
                sockets.forEach { close($0) }
                throw HeadroomError(.system, "cannot open a UDP socket: \(errnoDescription(failure))")
            }
            _ = CLinux_set_receive_buffer(fd, Int32(Self.receiveBufferBytes))
            _ = CLinux_set_send_buffer(fd, Int32(Self.receiveBufferBytes))
            _ = CLinux_enable_receive_timestamps(fd)
            let failure = address.connect(fd)
            guard failure == 0 else {
                close(fd)
                sockets.forEach { close($0) }
                throw HeadroomError(.system, "cannot connect a UDP socket to \(target): \(errnoDescription(failure))")
            }
            sockets.append(fd)
            if let inode = KernelUDPCounters.inode(of: fd) { inodes.insert(inode) }
        }
        self.target = target
        self.queries = queries
        // IP + UDP header bytes each datagram carries on the wire.
        self.headerBytes = (address.family == AF_INET6 ? 40 : 20) + 8
        self.sockets = sockets
        self.inodes = inodes
        self.gso = gso && CLinux_supports_udp_segment()
    }

    deinit {
        sockets.forEach { close($0) }
    }

    var gsoEnabled: Bool { gso }

    func run(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) async -> PhaseMeasurement {
        await GeneratorThread.run(named: "dnsward-headroom-send") { self.runBlocking(phase, live: live, stop: stop) }
    }

    /// Runs on the send thread; the receive thread is started and joined here.
    private func runBlocking(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) -> PhaseMeasurement {
        let table = InFlightTable(sockets: sockets.count)
        let hostBefore = KernelUDPCounters.read()
        let dropsBefore = KernelUDPCounters.drops(inodes: inodes)
        let shared = PhaseShared()
        let rampGuard = RampGuard.guarding(phase)
        // A moment's head start lets the receive thread be waiting before the first query.
        let start = MonotonicClock.now() + 2_000_000
        let receiver = UDPReceiver(sockets: sockets, table: table, queries: queries, phase: phase, start: start,
                                   shared: shared, live: live, rampGuard: rampGuard)
        let joinReceiver = GeneratorThread.start(named: "dnsward-headroom-receive") { receiver.run() }

        var sender = UDPSender(sockets: sockets, table: table, queries: queries, phase: phase, start: start,
                               gso: gso, live: live, rampGuard: rampGuard)
        let sent = sender.run(stop: stop)
        gso = sender.gso
        shared.finishSending(at: MonotonicClock.now(), sent: sent.sentTotal, interrupted: sent.interrupted)
        joinReceiver()

        let hostAfter = KernelUDPCounters.read()
        let dropsAfter = KernelUDPCounters.drops(inodes: inodes)
        let buckets = phase.buckets(send: sender.book.tallies, receive: receiver.book.tallies,
                                    quarterLag: sender.book.quarterLag)
        return PhaseMeasurement(
            buckets: buckets, sendingSeconds: sent.seconds, interrupted: sent.interrupted, refused: sender.refused,
            lastSendError: sender.lastError, unmatched: receiver.book.unmatched, ownSocketDrops: max(0, dropsAfter - dropsBefore),
            hostReceiveBufferErrors: max(0, hostAfter.receiveBufferErrors - hostBefore.receiveBufferErrors),
            hostInErrors: max(0, hostAfter.inErrors - hostBefore.inErrors), gsoUsed: sender.usedGSO,
            stoppedEarlyAfter: rampGuard?.stoppedAfter)
    }
}

/// What the send thread tells the receive thread: when sending ended and how much left.
final class PhaseShared: Sendable {
    private let sendingEnded = Atomic<UInt64>(0)
    private let sentTotal = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    func finishSending(at time: UInt64, sent: Int, interrupted: Bool) {
        sentTotal.store(sent, ordering: .relaxed)
        stopped.store(interrupted, ordering: .relaxed)
        sendingEnded.store(time, ordering: .releasing)
    }

    /// nil while the send thread still runs.
    var ended: (time: UInt64, sent: Int, interrupted: Bool)? {
        let time = sendingEnded.load(ordering: .acquiring)
        guard time != 0 else { return nil }
        return (time, sentTotal.load(ordering: .relaxed), stopped.load(ordering: .relaxed))
    }
}

/// The send side of a UDP phase; lives on the send thread only.
struct UDPSender {
    let sockets: [Int32]
    let table: InFlightTable
    let queries: QuerySet
    let live: LiveCounters

    private(set) var gso: Bool
    private(set) var book: SendBookkeeping
    var refused = 0
    var lastError: Int32?
    var usedGSO = false
    private var nextID: [UInt16]

    init(sockets: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, start: UInt64,
         gso: Bool, live: LiveCounters, rampGuard: RampGuard?) {
        self.sockets = sockets
        self.table = table
        self.queries = queries
        self.gso = gso
        self.live = live
        book = SendBookkeeping(phase: phase, start: start, rampGuard: rampGuard)
        nextID = sockets.map { _ in UInt16.random(in: 0...UInt16.max) }
    }

    /// Follows the schedule until it is done, its time is up, or `stop` is set.
    mutating func run(stop: StopSignal) -> (sentTotal: Int, seconds: Double, interrupted: Bool) {
        let total = book.phase.schedule.total
        let segments = Int(CLinux_udp_max_segments())
        var capacity = Self.batchCapacity(gso: gso, segments: segments)
        let arena = UnsafeMutableRawPointer.allocate(byteCount: Self.batchCapacity(gso: true, segments: segments) * QuerySet.maximumLength,
                                                     alignment: 16)
        let iovecs = UnsafeMutablePointer<iovec>.allocate(capacity: UDPLoad.batchMessages)
        let headers = UnsafeMutablePointer<CLinux_mmsghdr>.allocate(capacity: UDPLoad.batchMessages)
        let controlSpace = CLinux_udp_segment_control_space()
        let controls = UnsafeMutableRawPointer.allocate(byteCount: UDPLoad.batchMessages * controlSpace, alignment: 16)
        defer {
            arena.deallocate()
            iovecs.deallocate()
            headers.deallocate()
            controls.deallocate()
        }
        MonotonicClock.sleep(until: book.start)
        var k = 0
        var socketIndex = 0
        var interrupted = false
        var last = book.start
        var finalBatchTried = false
        while k < total {
            if stop.isStopped { interrupted = true; break }
            if book.rampGuard?.enough.isStopped == true { break }
            let now = MonotonicClock.now()
            last = now
            // Past the end one last batch may still go (queries due just before it);
            // a backlog beyond that stays unsent and shows as the shortfall.
            let pastEnd = now >= book.end
            let due = book.due(at: now)
            if pastEnd && (due <= k || finalBatchTried) { break }
            if pastEnd { finalBatchTried = true }
            if due > k {
                let count = min(due - k, capacity)
                let result = sendBatch(first: k, count: count, socket: socketIndex, now: now, gso: gso,
                                       arena: arena, iovecs: iovecs, headers: headers, controls: controls,
                                       controlSpace: controlSpace, segments: segments)
                switch result {
                case .sent(let queries):
                    k += queries
                    live.sentCount.add(queries, ordering: .relaxed)
                    socketIndex = (socketIndex + 1) % sockets.count
                    if due > k { continue }
                case .full:
                    // The socket's send queue is full: give the kernel a moment.
                    MonotonicClock.sleep(until: MonotonicClock.now() + 20_000)
                    socketIndex = (socketIndex + 1) % sockets.count
                    continue
                case .gsoRefused:
                    gso = false
                    capacity = Self.batchCapacity(gso: false, segments: segments)
                    continue
                case .refused(let queries):
                    k += queries
                    socketIndex = (socketIndex + 1) % sockets.count
                    continue
                }
            }
            book.sleep(untilDueOf: k, now: now)
        }
        return (book.sentTotal, book.sendingSeconds(until: last), interrupted)
    }

    static func batchCapacity(gso: Bool, segments: Int) -> Int {
        gso ? UDPLoad.batchMessages * 4 : UDPLoad.batchMessages
    }

    enum BatchResult {
        case sent(Int)
        case full
        case gsoRefused
        case refused(Int)
    }

    /// Copies queries `first..<first+count` into the arena with fresh IDs, notes each in
    /// the in-flight table, and hands them to the kernel in one sendmmsg. With GSO, runs
    /// of equal-sized queries travel as one message the kernel segments.
    private mutating func sendBatch(
        first: Int, count: Int, socket: Int, now: UInt64, gso: Bool,
        arena: UnsafeMutableRawPointer, iovecs: UnsafeMutablePointer<iovec>,
        headers: UnsafeMutablePointer<CLinux_mmsghdr>, controls: UnsafeMutableRawPointer,
        controlSpace: Int, segments: Int
    ) -> BatchResult {
        var offset = 0
        var messages = 0
        var queriesInMessage: [Int] = []
        queriesInMessage.reserveCapacity(UDPLoad.batchMessages)
        var index = 0
        let queryCount = queries.count
        queries.wire.withUnsafeBytes { wire in
            while index < count && messages < UDPLoad.batchMessages {
                let template = (first + index) % queryCount
                let length = queries.lengths[template]
                var run = 1
                if gso {
                    while run < segments, index + run < count,
                          queries.lengths[(first + index + run) % queryCount] == length {
                        run += 1
                    }
                }
                let messageStart = offset
                for segment in 0..<run {
                    let k = first + index + segment
                    let query = k % queryCount
                    let destination = arena + offset
                    destination.copyMemory(from: wire.baseAddress! + queries.offsets[query], byteCount: length)
                    let id = nextID[socket]
                    nextID[socket] = id &+ 1
                    destination.storeBytes(of: id.bigEndian, as: UInt16.self)
                    let slot = book.slot(of: k)
                    table.fill(socket: socket, id: id, intendedTime: max(slot.intended, 1), query: query, bucket: slot.bucket)
                    offset += length
                }
                iovecs[messages] = iovec(iov_base: arena + messageStart, iov_len: offset - messageStart)
                var header = msghdr()
                header.msg_iov = iovecs + messages
                header.msg_iovlen = 1
                if run > 1 {
                    let control = controls + messages * controlSpace
                    header.msg_control = control
                    header.msg_controllen = CLinux_write_udp_segment_control(control, UInt16(length))
                }
                headers[messages] = CLinux_mmsghdr(msg_hdr: header, msg_len: 0)
                queriesInMessage.append(run)
                messages += 1
                index += run
            }
        }
        let result = CLinux_sendmmsg(sockets[socket], headers, UInt32(messages), Int32(MSG_NOSIGNAL))
        if result < 0 {
            let failure = errno
            switch failure {
            case EAGAIN, EWOULDBLOCK, ENOBUFS, EINTR:
                return .full
            case EIO where gso, EINVAL where gso, EOPNOTSUPP where gso:
                return .gsoRefused
            default:
                lastError = failure
                // Nobody listens (ICMP port unreachable) or the path is gone: these
                // queries never left. Move on so the schedule is kept.
                let skipped = queriesInMessage.reduce(0, +)
                refused += skipped
                return .refused(skipped)
            }
        }
        let sentMessages = Int(result)
        var sent = 0
        for message in 0..<sentMessages { sent += queriesInMessage[message] }
        if gso, queriesInMessage[0..<sentMessages].contains(where: { $0 > 1 }) { usedGSO = true }
        // Tally only what left, at the time it left.
        for position in 0..<sent {
            let k = first + position
            book.recordSent(book.slot(of: k), bytes: queries.lengths[k % queryCount], at: now)
        }
        return .sent(sent)
    }
}

/// The receive side of a UDP phase; lives on the receive thread only.
final class UDPReceiver: @unchecked Sendable {
    let sockets: [Int32]
    let start: UInt64
    let shared: PhaseShared
    let rampGuard: RampGuard?
    private(set) var book: ReceiveBookkeeping

    init(sockets: [Int32], table: InFlightTable, queries: QuerySet, phase: PhaseRequest, start: UInt64,
         shared: PhaseShared, live: LiveCounters, rampGuard: RampGuard?) {
        self.rampGuard = rampGuard
        self.sockets = sockets
        self.start = start
        self.shared = shared
        book = ReceiveBookkeeping(table: table, queries: queries, phase: phase, live: live, countsTruncation: true)
    }

    func run() {
        let batch = UDPLoad.batchMessages
        let bufferSize = UDPLoad.answerBufferBytes
        let buffers = UnsafeMutableRawPointer.allocate(byteCount: batch * bufferSize, alignment: 16)
        let iovecs = UnsafeMutablePointer<iovec>.allocate(capacity: batch)
        let headers = UnsafeMutablePointer<CLinux_mmsghdr>.allocate(capacity: batch)
        let controlSpace = CLinux_receive_timestamp_control_space()
        let controls = UnsafeMutableRawPointer.allocate(byteCount: batch * controlSpace, alignment: 16)
        defer {
            buffers.deallocate()
            iovecs.deallocate()
            headers.deallocate()
            controls.deallocate()
        }
        var pollSet = sockets.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let realtimeOffset = MonotonicClock.realtimeOffset()
        while !book.isDone(shared) {
            rampGuard?.check(now: MonotonicClock.now(), start: start) { self.book.tallies[$0].answered }
            let ready = poll(&pollSet, nfds_t(pollSet.count), 2)
            guard ready > 0 else { continue }
            var received = 0
            for (socket, entry) in pollSet.enumerated() where entry.revents != 0 {
                while true {
                    for index in 0..<batch {
                        iovecs[index] = iovec(iov_base: buffers + index * bufferSize, iov_len: bufferSize)
                        var header = msghdr()
                        header.msg_iov = iovecs + index
                        header.msg_iovlen = 1
                        header.msg_control = controls + index * controlSpace
                        header.msg_controllen = controlSpace
                        headers[index] = CLinux_mmsghdr(msg_hdr: header, msg_len: 0)
                    }
                    let count = CLinux_recvmmsg(sockets[socket], headers, UInt32(batch), Int32(MSG_DONTWAIT), nil)
                    if count <= 0 { break }
                    let fallback = MonotonicClock.now()
                    for index in 0..<Int(count) {
                        var arrival = fallback
                        let stamp = withUnsafePointer(to: &headers[index].msg_hdr) { CLinux_receive_timestamp_ns($0) }
                        if stamp > 0 {
                            let converted = stamp - realtimeOffset
                            if converted > 0 { arrival = min(UInt64(converted), fallback) }
                        }
                        book.take(UnsafeRawBufferPointer(start: buffers + index * bufferSize, count: Int(headers[index].msg_len)),
                                  socket: socket, arrival: arrival)
                    }
                    received += Int(count)
                    if Int(count) < batch { break }
                }
            }
            // A quiet moment lets answers gather into bigger batches; their arrival
            // times come from the kernel, so the wait does not bend the latencies.
            if received < batch / 2 { MonotonicClock.sleep(until: MonotonicClock.now() + 200_000) }
        }
    }
}
