/// Sends raw DNS queries over UDP or TCP and returns the raw answers.
///
/// A single reactor thread multiplexes every socket with epoll; callers only
/// suspend. Blocking socket calls on Swift's cooperative pool (as wide as the
/// machine has cores) would starve every other task, and a thread per query
/// would not scale to thousands of queries in flight.
public final class DNSTransport: Sendable {
    /// Process-wide instance; its reactor thread starts on first use.
    public static let shared = DNSTransport()

    private let reactor: Reactor

    /// Creates a transport with its own reactor thread.
    public init() {
        reactor = Reactor()
    }

    deinit {
        reactor.stop(wait: false)
    }

    /// Sends `query` to `server` and returns the first acceptable answer.
    ///
    /// Bytes 0..1 (the message ID) are replaced with a fresh random ID for
    /// every message sent; the rest is sent as given. An answer is accepted
    /// only if it is a response with that ID and the same question, anything
    /// else is ignored while the query keeps waiting.
    public func exchange(
        _ query: [UInt8],
        with server: ServerAddress,
        options: QueryOptions = QueryOptions()
    ) async throws(TransportError) -> RawResponse {
        let question: QuestionMatcher
        do {
            question = try QuestionMatcher(validating: query)
        } catch {
            throw TransportError(code: .malformedQuery, server: server, transport: options.transport,
                                 detail: error.detail)
        }
        let ticket = ResponseTicket()
        let submission = QuerySubmission(token: reactor.makeToken(), message: query, question: question,
                                    server: server, options: options, ticket: ticket)
        let reactor = self.reactor
        let outcome = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: ResponseTicket.Continuation) in
                guard ticket.install(continuation) else { return }
                if !reactor.send(.submit(submission)) {
                    let failure = reactor.setupErrno.map {
                        TransportError(code: .system, server: server, transport: options.transport, errno: $0,
                                       detail: "cannot start the transport's event loop")
                    } ?? TransportError(code: .cancelled, server: server, transport: options.transport,
                                        detail: "transport shut down")
                    ticket.complete(.failure(failure))
                }
            }
        } onCancel: {
            ticket.complete(.failure(TransportError(code: .cancelled, server: server, transport: options.transport)))
            // Frees the query's socket slot and deadline; harmless if it already finished.
            _ = reactor.send(.cancel(token: submission.token))
        }
        return try outcome.get()
    }

    /// The reactor thread as a task executor. A task run with
    /// `withTaskExecutorPreference(transport.executor)` is resumed on the reactor
    /// thread right after its answer is read, with no thread wake-up in between:
    /// for loops that only send and count queries (load generators). Anything such
    /// a task computes holds up every query of this transport, so tasks doing real
    /// work per answer belong on the global pool, the default. After `shutdown()`
    /// its tasks still run, on Dispatch's threads.
    public var executor: any TaskExecutor {
        reactor
    }

    public var statistics: TransportStatistics {
        reactor.counters.snapshot
    }

    /// Fails every pending query with `.cancelled`, closes all sockets and
    /// stops the reactor thread; later exchanges fail with `.cancelled`.
    /// Called from a task running on `executor`, it cannot wait for the thread
    /// to end (it is that thread) and returns once the stop is requested.
    public func shutdown() {
        reactor.stop(wait: true)
    }
}
