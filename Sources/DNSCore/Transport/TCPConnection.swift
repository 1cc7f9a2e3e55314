/// One TCP connection to a server (RFC 7766 framing), carrying one query at a time.
/// Confined to the reactor thread.
///
/// After an answer the connection may wait, idle, for the next query to the same server
/// (RFC 7766 §6.2.1: reuse rather than a connection per query). A run over ten thousand
/// zones asks 40,000 questions over TCP of two servers; a connection each cost both sides a
/// handshake and a teardown per question. Failure attribution stays exact: a connection
/// that fails before any byte of its current answer arrived, after carrying an earlier
/// one, says nothing about this query, which is then asked on a fresh connection.
final class TCPConnection {
    enum State {
        case connecting
        case writing
        case reading
        /// Between queries, in the server's idle pool; readable means the server closed.
        case idle
    }

    let fd: Int32
    let key: UInt64
    let server: ServerAddress
    /// The query it carries; nil while idle.
    var query: PendingQuery?
    var id: UInt16
    var startedAt: UInt64
    var state: State = .connecting
    /// It carried an answer before the current query.
    var reused = false
    var idleSince: UInt64 = 0
    /// The epoll events asked for.
    var watching: UInt32 = 0
    /// Length prefix plus message.
    var outgoing: [UInt8] = []
    var written = 0
    /// Bytes read but not yet consumed as whole frames.
    var incoming: [UInt8] = []

    init(fd: Int32, key: UInt64, query: PendingQuery, id: UInt16, startedAt: UInt64) {
        self.fd = fd
        self.key = key
        self.server = query.server
        self.id = id
        self.startedAt = startedAt
        carry(query, id: id, at: startedAt)
    }

    /// Takes on `query`: frames its message to be written.
    func carry(_ query: PendingQuery, id: UInt16, at now: UInt64) {
        self.query = query
        self.id = id
        startedAt = now
        let length = query.message.count
        var framed = [UInt8]()
        framed.reserveCapacity(length + 2)
        framed.append(UInt8(truncatingIfNeeded: length >> 8))
        framed.append(UInt8(truncatingIfNeeded: length))
        framed.append(contentsOf: query.message)
        framed[2] = UInt8(truncatingIfNeeded: id >> 8)
        framed[3] = UInt8(truncatingIfNeeded: id)
        outgoing = framed
        written = 0
    }
}
