import DNSCore
import Synchronization

/// Keeps the probe polite: at most `global` queries in flight, and at most `perServer`
/// towards one address, however many zones share it. Waiters queue first-in first-out
/// per server, then globally; every operation is constant time, because a run over ten
/// thousand zones on two servers queues thousands of waiters.
///
/// It also learns, per address and kind of question (transport, and whether and how the
/// question uses EDNS), whether the address answers. Until an address has answered a kind
/// once, only one question of that kind goes to it at a time; the others wait for the
/// verdict. If that question times out, the address is silent to the kind for the rest of
/// the run and the waiting questions (and later ones) fail at once; if it is answered, they
/// all go. So a dead server is asked one question per kind and costs the run one timeout
/// budget, however many zones it serves; a live one loses a round trip per kind.
final class QueryGate: Sendable {
    private let state: Mutex<State>

    private struct State {
        let perServer: Int
        var globalAvailable: Int
        var globalWaiters = FIFO<CheckedContinuation<Void, Never>>()
        var servers: [ServerAddress: ServerSlot] = [:]
        var heard: [Hearing: Memory] = [:]
        var probation: [Hearing: [CheckedContinuation<Verdict, Never>]] = [:]

        /// Takes a permit towards `server` if one is free.
        mutating func takeServerPermit(_ server: ServerAddress) -> Bool {
            // Mutated in place through the dictionary: a local copy of the slot would make
            // every append copy the whole waiting queue.
            if servers[server] == nil { servers[server] = ServerSlot(available: perServer) }
            guard servers[server]!.available > 0 else { return false }
            servers[server]!.available -= 1
            return true
        }

        mutating func takeGlobalPermit() -> Bool {
            guard globalAvailable > 0 else { return false }
            globalAvailable -= 1
            return true
        }
    }

    private struct ServerSlot {
        var available: Int
        /// First contact (the SOA over UDP and TCP, the apex NS) goes before the rest: it is
        /// what tells soonest whether the address answers.
        var urgent = FIFO<CheckedContinuation<Void, Never>>()
        var waiters = FIFO<CheckedContinuation<Void, Never>>()
    }

    private struct Hearing: Hashable {
        let server: ServerAddress
        let kind: QueryKind
    }

    private enum Memory {
        /// One question of the kind is out; the others wait for how it ends.
        case probing
        case answered
        /// How that question failed.
        case silent(String)
    }

    /// What a question learns of its kind before it may go.
    private enum Verdict {
        case go
        case silent(String)
        /// Another question of the kind is out: wait for how it ends, then look again.
        case wait
    }

    /// How a question ended, for the memory.
    enum Result {
        case answered
        case timedOut(String)
        /// Refused, reset, cancelled...: says nothing about silence.
        case other
    }

    init(global: Int, perServer: Int) {
        state = Mutex(State(perServer: max(1, perServer), globalAvailable: max(1, global)))
    }

    /// Waits for its turn; nil when the question may go out, or how the question that
    /// found this address silent to the kind failed (then no slot is held). An `ungated`
    /// question takes no slot: it stands in for a retransmission the transport would send
    /// anyway (the same question again, without EDNS), and must not queue behind the
    /// questions whose silence it is there to explain.
    ///
    /// A lock, not an actor: nearly every question finds its kind heard and a permit free,
    /// and then passes without suspending. As an actor, every question hopped onto the gate
    /// and off again twice, and a run over ten thousand zones asks 180,000 questions.
    func acquire(_ server: ServerAddress, kind: QueryKind, gated: Bool = true, urgent: Bool = false) async -> String? {
        let key = Hearing(server: server, kind: kind)
        while true {
            var verdict = state.withLock { Self.hear(key, in: &$0) }
            if case .wait = verdict {
                verdict = await withCheckedContinuation { continuation in
                    // Looked at again under the lock: the verdict may have come meanwhile.
                    let now: Verdict? = state.withLock { state in
                        let verdict = Self.hear(key, in: &state)
                        if case .wait = verdict {
                            state.probation[key, default: []].append(continuation)
                            return nil
                        }
                        return verdict
                    }
                    if let now { continuation.resume(returning: now) }
                }
            }
            switch verdict {
            case .silent(let text): return text
            case .wait: continue
            case .go: break
            }
            break
        }
        guard gated else { return nil }
        if !state.withLock({ $0.takeServerPermit(server) }) {
            // A releaser hands its server permit straight to a waiter.
            await withCheckedContinuation { continuation in
                let taken = state.withLock { state in
                    if state.takeServerPermit(server) { return true }
                    if urgent { state.servers[server]!.urgent.append(continuation) } else { state.servers[server]!.waiters.append(continuation) }
                    return false
                }
                if taken { continuation.resume() }
            }
        }
        if !state.withLock({ $0.takeGlobalPermit() }) {
            await withCheckedContinuation { continuation in
                let taken = state.withLock { state in
                    if state.takeGlobalPermit() { return true }
                    state.globalWaiters.append(continuation)
                    return false
                }
                if taken { continuation.resume() }
            }
        }
        return nil
    }

    /// The memory's verdict for a question of `key`'s kind; the first of an unheard kind
    /// goes and makes the others wait.
    private static func hear(_ key: Hearing, in state: inout State) -> Verdict {
        switch state.heard[key] {
        case .silent(let text)?: return .silent(text)
        case .answered?: return .go
        case .probing?: return .wait
        case nil:
            state.heard[key] = .probing
            return .go
        }
    }

    func release(_ server: ServerAddress, kind: QueryKind, result: Result, gated: Bool = true) {
        let key = Hearing(server: server, kind: kind)
        // Resumed outside the lock: a resumed question takes the lock again at once.
        let (waiting, verdict, next): ([CheckedContinuation<Verdict, Never>], Verdict, [CheckedContinuation<Void, Never>]) =
            state.withLock { state in
                var waiting: [CheckedContinuation<Verdict, Never>] = []
                var verdict = Verdict.go
                switch (result, state.heard[key]) {
                case (.answered, _):
                    state.heard[key] = .answered
                    waiting = state.probation.removeValue(forKey: key) ?? []
                case (.timedOut(let text), .probing?), (.timedOut(let text), nil):
                    state.heard[key] = .silent(text)
                    waiting = state.probation.removeValue(forKey: key) ?? []
                    verdict = .silent(text)
                case (.other, .probing?):
                    // No verdict (refused, cancelled): the waiters look again, and one asks.
                    state.heard[key] = nil
                    waiting = state.probation.removeValue(forKey: key) ?? []
                    verdict = .wait
                default:
                    break
                }
                var next: [CheckedContinuation<Void, Never>] = []
                if gated {
                    if let waiter = state.globalWaiters.popFirst() { next.append(waiter) } else { state.globalAvailable += 1 }
                    if let waiter = state.servers[server]?.urgent.popFirst() ?? state.servers[server]?.waiters.popFirst() {
                        next.append(waiter)
                    } else {
                        state.servers[server]?.available += 1
                    }
                }
                return (waiting, verdict, next)
            }
        for waiter in waiting { waiter.resume(returning: verdict) }
        for waiter in next { waiter.resume() }
    }
}

/// The kind of question an address is learned to answer or not: a server may drop only
/// TCP, only queries with EDNS, or only EDNS queries with a version, option or flag it
/// does not know.
struct QueryKind: Hashable, Sendable {
    let transport: TransportProtocol
    let edns: String

    init(transport: TransportProtocol, message: Message) {
        self.transport = transport
        if let opt = message.edns {
            edns = opt.version != 0 ? "EDNS version \(opt.version)" : !opt.options.isEmpty ? "EDNS options"
                : opt.unknownFlags != 0 ? "unknown EDNS flags" : "EDNS"
        } else {
            edns = "no EDNS"
        }
    }

    var text: String { "\(transport) (\(edns))" }
}

/// A first-in first-out queue with O(1) append and removal from the front.
struct FIFO<Element> {
    private var items: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }

    mutating func append(_ element: Element) {
        items.append(element)
    }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let element = items[head]
        items[head] = nil
        head += 1
        // Compact once the consumed prefix dominates, keeping memory bounded.
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return element
    }
}
