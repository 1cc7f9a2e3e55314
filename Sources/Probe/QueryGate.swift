import DNSCore

/// Keeps the probe polite: at most `global` queries in flight, and at most `perServer`
/// towards one address, however many zones share it.
actor QueryGate {
    private let global: Int
    private let perServer: Int
    private var inFlight = 0
    private var perServerInFlight: [ServerAddress: Int] = [:]
    private var waiting: [(server: ServerAddress, continuation: CheckedContinuation<Void, Never>)] = []

    init(global: Int, perServer: Int) {
        self.global = max(1, global)
        self.perServer = max(1, perServer)
    }

    func acquire(_ server: ServerAddress) async {
        if canRun(server) {
            take(server)
            return
        }
        await withCheckedContinuation { waiting.append((server, $0)) }
    }

    func release(_ server: ServerAddress) {
        inFlight -= 1
        perServerInFlight[server, default: 1] -= 1
        // Wake the first waiter whose server has room, keeping arrival order otherwise.
        if let index = waiting.firstIndex(where: { canRun($0.server) }) {
            let next = waiting.remove(at: index)
            take(next.server)
            next.continuation.resume()
        }
    }

    private func canRun(_ server: ServerAddress) -> Bool {
        inFlight < global && perServerInFlight[server, default: 0] < perServer
    }

    private func take(_ server: ServerAddress) {
        inFlight += 1
        perServerInFlight[server, default: 0] += 1
    }
}
