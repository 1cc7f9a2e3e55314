import DNSCore
import Synchronization

/// The checks of a server address, asked once per sweep and shared by every zone it
/// serves: reachability over UDP and TCP, EDNS compliance and AXFR exposure. A server
/// hosting 50,000 zones of the TLD is asked these once, not 50,000 times.
///
/// The questions name the first zone that needs the address. When that zone is lame there
/// (the server refuses it), the EDNS and AXFR answers say nothing about the server, so the
/// next zone asks again, up to `attempts` times; reachability is known either way.
final class ServerChecks: Sendable {
    private let attempts = 3
    private let entries = Mutex<[ServerAddress: Entry]>([:])
    private let observe: @Sendable (ServerAddress, DomainName) async -> ServerVerdict

    private struct Entry {
        let task: Task<ServerVerdict, Never>
        let attempt: Int
    }

    init(observe: @escaping @Sendable (ServerAddress, DomainName) async -> ServerVerdict) {
        self.observe = observe
    }

    /// How many addresses have been checked (for the metrics).
    var count: Int { entries.withLock { $0.count } }

    func verdict(for address: ServerAddress, zone: DomainName) async -> ServerVerdict {
        var seen = 0
        while true {
            let entry = entries.withLock { entries in
                if let entry = entries[address], !(entry.attempt == seen && seen < attempts) { return entry }
                // None yet, or the one this caller saw was inconclusive: this zone asks.
                let entry = Entry(task: Task { [observe] in await observe(address, zone) }, attempt: seen + 1)
                entries[address] = entry
                return entry
            }
            let verdict = await entry.task.value
            if verdict.conclusive || entry.attempt >= attempts { return verdict }
            seen = entry.attempt
        }
    }
}

/// What one address answered to the per-server questions, about the zone they named.
struct ServerVerdict: Sendable {
    let observation: AddressObservation
    let lame: Bool

    /// Silent or refusing addresses are known to be so; a lame answer tells reachability
    /// but not how the server treats EDNS or AXFR for the zones it does serve.
    var conclusive: Bool { !lame }
    var answersUDP: Bool { observation.soaUDP.response != nil }
}
