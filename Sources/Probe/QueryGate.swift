import DNSCore

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
actor QueryGate {
    private let perServer: Int
    private var globalAvailable: Int
    private var globalWaiters = FIFO<CheckedContinuation<Void, Never>>()
    private var servers: [ServerAddress: ServerSlot] = [:]
    private var heard: [Hearing: Memory] = [:]
    private var probation: [Hearing: [CheckedContinuation<String?, Never>]] = [:]

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

    /// How a question ended, for the memory.
    enum Result {
        case answered
        case timedOut(String)
        /// Refused, reset, cancelled...: says nothing about silence.
        case other
    }

    init(global: Int, perServer: Int) {
        self.globalAvailable = max(1, global)
        self.perServer = max(1, perServer)
    }

    /// Waits for its turn; nil when the question may go out, or how the question that
    /// found this address silent to the kind failed (then no slot is held). An `ungated`
    /// question takes no slot: it stands in for a retransmission the transport would send
    /// anyway (the same question again, without EDNS), and must not queue behind the
    /// questions whose silence it is there to explain.
    func acquire(_ server: ServerAddress, kind: QueryKind, gated: Bool = true, urgent: Bool = false) async -> String? {
        let key = Hearing(server: server, kind: kind)
        while true {
            switch heard[key] {
            case .silent(let text)?:
                return text
            case .answered?:
                break
            case .probing?:
                if let silence = await withCheckedContinuation({ probation[key, default: []].append($0) }) { return silence }
                continue
            case nil:
                heard[key] = .probing
            }
            break
        }
        guard gated else { return nil }
        // Mutated in place through the dictionary: a local copy of the slot would make
        // every append copy the whole waiting queue.
        if servers[server] == nil { servers[server] = ServerSlot(available: perServer) }
        if servers[server]!.available > 0 {
            servers[server]!.available -= 1
        } else if urgent {
            // A releaser hands its server permit straight to us.
            await withCheckedContinuation { servers[server]!.urgent.append($0) }
        } else {
            await withCheckedContinuation { servers[server]!.waiters.append($0) }
        }
        if globalAvailable > 0 {
            globalAvailable -= 1
        } else {
            await withCheckedContinuation { globalWaiters.append($0) }
        }
        return nil
    }

    func release(_ server: ServerAddress, kind: QueryKind, result: Result, gated: Bool = true) {
        let key = Hearing(server: server, kind: kind)
        switch (result, heard[key]) {
        case (.answered, _):
            heard[key] = .answered
            wake(key, with: nil)
        case (.timedOut(let text), .probing?), (.timedOut(let text), nil):
            heard[key] = .silent(text)
            wake(key, with: text)
        case (.other, .probing?):
            // No verdict (refused, cancelled): the next waiter asks instead.
            heard[key] = nil
            wake(key, with: nil)
        default:
            break
        }
        if gated { releaseSlots(server) }
    }

    private func wake(_ key: Hearing, with silence: String?) {
        guard let waiting = probation.removeValue(forKey: key) else { return }
        for waiter in waiting { waiter.resume(returning: silence) }
    }

    private func releaseSlots(_ server: ServerAddress) {
        if let next = globalWaiters.popFirst() {
            next.resume()
        } else {
            globalAvailable += 1
        }
        if let next = servers[server]?.urgent.popFirst() ?? servers[server]?.waiters.popFirst() {
            next.resume()
        } else {
            servers[server]?.available += 1
        }
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
