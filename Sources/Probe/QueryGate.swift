import DNSCore

/// Keeps the probe polite: at most `global` queries in flight, and at most `perServer`
/// towards one address, however many zones share it. Waiters queue first-in first-out
/// per server, then globally; every operation is constant time, because a run over ten
/// thousand zones on two servers queues thousands of waiters.
actor QueryGate {
    private let perServer: Int
    private var globalAvailable: Int
    private var globalWaiters = FIFO<CheckedContinuation<Void, Never>>()
    private var servers: [ServerAddress: ServerSlot] = [:]

    private struct ServerSlot {
        var available: Int
        var waiters = FIFO<CheckedContinuation<Void, Never>>()
    }

    init(global: Int, perServer: Int) {
        self.globalAvailable = max(1, global)
        self.perServer = max(1, perServer)
    }

    func acquire(_ server: ServerAddress) async {
        // Mutated in place through the dictionary: a local copy of the slot would make
        // every append copy the whole waiting queue.
        if servers[server] == nil { servers[server] = ServerSlot(available: perServer) }
        if servers[server]!.available > 0 {
            servers[server]!.available -= 1
        } else {
            // A releaser hands its server permit straight to us.
            await withCheckedContinuation { servers[server]!.waiters.append($0) }
        }
        if globalAvailable > 0 {
            globalAvailable -= 1
        } else {
            await withCheckedContinuation { globalWaiters.append($0) }
        }
    }

    func release(_ server: ServerAddress) {
        if let next = globalWaiters.popFirst() {
            next.resume()
        } else {
            globalAvailable += 1
        }
        if let next = servers[server]?.waiters.popFirst() {
            next.resume()
        } else {
            servers[server]?.available += 1
        }
    }
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
