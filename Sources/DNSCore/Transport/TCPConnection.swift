/// One query over one TCP connection (RFC 7766 framing). Confined to the
/// reactor thread.
///
/// One query per connection keeps failure attribution exact: a refused
/// connect, a reset or a short answer all belong to exactly one query.
final class TCPConnection {
    enum State {
        case connecting
        case writing
        case reading
    }

    let fd: Int32
    let key: UInt64
    let query: PendingQuery
    let id: UInt16
    let startedAt: UInt64
    var state: State = .connecting
    /// Length prefix plus message.
    var outgoing: [UInt8]
    var written = 0
    /// Bytes read but not yet consumed as whole frames.
    var incoming: [UInt8] = []

    init(fd: Int32, key: UInt64, query: PendingQuery, id: UInt16, startedAt: UInt64) {
        self.fd = fd
        self.key = key
        self.query = query
        self.id = id
        self.startedAt = startedAt
        let length = query.message.count
        var framed = [UInt8]()
        framed.reserveCapacity(length + 2)
        framed.append(UInt8(truncatingIfNeeded: length >> 8))
        framed.append(UInt8(truncatingIfNeeded: length))
        framed.append(contentsOf: query.message)
        framed[2] = UInt8(truncatingIfNeeded: id >> 8)
        framed[3] = UInt8(truncatingIfNeeded: id)
        outgoing = framed
    }
}
