import Synchronization

/// One entry per (socket, message ID): when the query under that ID was meant to leave,
/// which query it was, and which bucket it counts in. The send thread fills an entry
/// before the datagram leaves; the receive thread claims it when the answer comes.
///
/// The intended time is the atomic word (0 = free); the query and bucket beside it are
/// written before it (release) and read after it (acquire), so the pair is never torn.
final class InFlightTable: @unchecked Sendable {
    static let idsPerSocket = 65_536

    let sockets: Int
    private let intended: UnsafeMutablePointer<Atomic<UInt64>>
    private let queries: UnsafeMutablePointer<UInt32>
    private let buckets: UnsafeMutablePointer<UInt32>
    private var capacity: Int { sockets * Self.idsPerSocket }

    init(sockets: Int) {
        self.sockets = sockets
        let capacity = sockets * Self.idsPerSocket
        intended = .allocate(capacity: capacity)
        for index in 0..<capacity { (intended + index).initialize(to: Atomic(0)) }
        queries = .allocate(capacity: capacity)
        queries.initialize(repeating: 0, count: capacity)
        buckets = .allocate(capacity: capacity)
        buckets.initialize(repeating: 0, count: capacity)
    }

    deinit {
        intended.deinitialize(count: capacity)
        intended.deallocate()
        queries.deallocate()
        buckets.deallocate()
    }

    /// Send side. `intendedTime` is nanoseconds on the monotonic clock, never 0.
    @inline(__always)
    func fill(socket: Int, id: UInt16, intendedTime: UInt64, query: Int, bucket: Int) {
        let index = socket &* Self.idsPerSocket &+ Int(id)
        queries[index] = UInt32(truncatingIfNeeded: query)
        buckets[index] = UInt32(truncatingIfNeeded: bucket)
        intended[index].store(intendedTime, ordering: .releasing)
    }

    /// Receive side: which query waits under this ID, without claiming it (the answer's
    /// question is checked first).
    @inline(__always)
    func peekQuery(socket: Int, id: UInt16) -> Int? {
        let index = socket &* Self.idsPerSocket &+ Int(id)
        guard intended[index].load(ordering: .acquiring) != 0 else { return nil }
        return Int(queries[index])
    }

    /// Receive side: the entry's query, bucket and intended time, freeing the entry; nil
    /// for an ID nothing waits on (a duplicate, or an answer to a query never sent).
    @inline(__always)
    func claim(socket: Int, id: UInt16) -> (intendedTime: UInt64, query: Int, bucket: Int)? {
        let index = socket &* Self.idsPerSocket &+ Int(id)
        let time = intended[index].load(ordering: .acquiring)
        guard time != 0 else { return nil }
        let query = Int(queries[index])
        let bucket = Int(buckets[index])
        // The send side may have reused the ID meanwhile: only the exchange that still
        // sees the same time wins.
        let (exchanged, _) = intended[index].compareExchange(expected: time, desired: 0, ordering: .acquiringAndReleasing)
        return exchanged ? (time, query, bucket) : nil
    }

    /// Entries still waiting; read once the phase is over.
    func outstanding() -> Int {
        var count = 0
        for index in 0..<capacity where intended[index].load(ordering: .relaxed) != 0 { count += 1 }
        return count
    }
}
