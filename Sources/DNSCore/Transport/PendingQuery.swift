/// One exchange as the reactor tracks it, from submission to completion.
/// Confined to the reactor thread.
final class PendingQuery {
    struct UDPAttempt {
        let id: UInt16
        let sentAt: UInt64
    }

    let token: UInt64
    /// The caller's query, shared with the caller's array: each attempt's ID is
    /// written into the bytes that leave (the send arena, the TCP frame), never
    /// here, which would copy the whole message for every query.
    let message: [UInt8]
    let question: QuestionMatcher
    let server: ServerAddress
    let options: QueryOptions
    let ticket: ResponseTicket
    let timeoutNanos: UInt64

    var transport: TransportProtocol
    var truncatedFallback = false

    /// Maintained by `QueryDeadlineHeap`; -1 while not scheduled.
    var deadline: UInt64 = 0
    var heapIndex = -1

    /// Every UDP attempt stays registered until the query ends, so a late
    /// answer to an earlier attempt is still taken (with that attempt's RTT).
    var udpSocket: UDPSocket?
    var udpAttempts: [UDPAttempt] = []

    var tcpConnection: TCPConnection?

    /// Messages from the server dropped while this query waited: its socket's
    /// `ignoredAnswers` since it joined, and the frames of its TCP connection.
    var ignoredAnswers = 0
    var udpIgnoredBaseline = 0

    var ignoredSoFar: Int {
        ignoredAnswers + (udpSocket.map { $0.ignoredAnswers - udpIgnoredBaseline } ?? 0)
    }

    init(_ submission: QuerySubmission) {
        token = submission.token
        message = submission.message
        question = submission.question
        server = submission.server
        options = submission.options
        ticket = submission.ticket
        timeoutNanos = ReactorClock.nanoseconds(submission.options.timeout)
        transport = submission.options.transport
    }
}
