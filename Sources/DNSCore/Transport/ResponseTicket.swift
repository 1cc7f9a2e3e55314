import Synchronization

/// The rendezvous between one awaiting caller and the reactor.
///
/// Completion can come from the reactor (answer, error, timeout) or from the
/// caller's cancellation handler, possibly before the continuation even
/// exists; the lock makes whichever comes first win and the rest no-ops, so
/// the continuation is resumed exactly once. That guarantee is why the
/// continuation is an unsafe one: a checked one would allocate and check
/// again, per query, what this type already ensures.
final class ResponseTicket: Sendable {
    typealias Outcome = Result<RawResponse, TransportError>
    typealias Continuation = UnsafeContinuation<Outcome, Never>

    private enum State {
        case idle
        case waiting(Continuation)
        case completedEarly(Outcome)
        case done
    }

    private let state = Mutex<State>(.idle)

    /// Returns false when the outcome was already decided (the caller was
    /// cancelled first); the continuation has then been resumed already and
    /// the query must not be submitted.
    func install(_ continuation: Continuation) -> Bool {
        let early: Outcome? = state.withLock { state in
            switch state {
            case .idle:
                state = .waiting(continuation)
                return nil
            case .completedEarly(let outcome):
                state = .done
                return outcome
            case .waiting, .done:
                preconditionFailure("continuation installed twice")
            }
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    /// True once an outcome has been decided.
    var isSettled: Bool {
        state.withLock { state in
            switch state {
            case .idle, .waiting: return false
            case .completedEarly, .done: return true
            }
        }
    }

    func complete(_ outcome: Outcome) {
        let continuation: Continuation? = state.withLock { state in
            switch state {
            case .idle:
                state = .completedEarly(outcome)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .completedEarly, .done:
                return nil
            }
        }
        // Resumed outside the lock: resuming schedules the caller's task,
        // which has no business waiting for this lock.
        continuation?.resume(returning: outcome)
    }
}
