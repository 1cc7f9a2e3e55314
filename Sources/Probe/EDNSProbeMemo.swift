import DNSCore
import Synchronization

/// The RFC 8906 probes of one address (EDNS version 1, an unknown option, an unknown
/// flag), asked once per run. They test the server software behind the address, not a
/// zone, and a run over ten thousand zones on two servers asked them 60,000 times. The
/// first zone the address answers authoritatively asks them about itself; every zone the
/// address serves is judged by the same answers.
final class EDNSProbeMemo: Sendable {
    typealias Probes = [EDNSProbe: ProbeClient.Outcome]

    private let asked = Mutex<[ServerAddress: Task<Probes, Never>]>([:])

    init() {}

    /// The address's probes: asked by `asking` if no zone has asked them yet, else the
    /// answers the first one got (waiting for them if they are still out).
    func probes(of address: ServerAddress, asking: @escaping @Sendable () async -> Probes) async -> Probes {
        let task = asked.withLock { asked in
            if let task = asked[address] { return task }
            // Not a child of the asking zone: the other zones wait for it too. Its questions
            // end within the timeout budget like every other.
            let task = Task { await asking() }
            asked[address] = task
            return task
        }
        return await task.value
    }
}
