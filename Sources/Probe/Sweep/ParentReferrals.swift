import DNSCore
import Model
import Synchronization

/// For a sweep of a list of names (`--zones FILE`): each zone's delegation as the TLD's
/// servers give it (NS, glue and, with DO=1, the DS RRset), one referral per zone. The
/// TLD's servers are found once (given, or from the root), never per zone.
final class ParentReferrals: Sendable {
    private let tld: DomainName
    private let client: ProbeClient
    private let rate: ServerRateLimit
    private let servers: Task<[ServerAddress], Never>
    private let turn = Atomic<Int>(0)

    init(tld: DomainName, given: [ServerAddress], walker: DelegationWalker, client: ProbeClient, rate: ServerRateLimit) {
        self.tld = tld
        self.client = client
        self.rate = rate
        servers = Task {
            if !given.isEmpty { return given }
            guard let delegation = try? await walker.delegation(of: tld) else { return [] }
            var addresses = delegation.serversFromGlue.flatMap(\.addresses)
            for name in delegation.nameServers where addresses.isEmpty {
                addresses += (try? await walker.addresses(of: name)) ?? []
            }
            return addresses
        }
    }

    enum Answer {
        case delegation(nameServers: [DomainName], glue: [ResourceRecord], ds: [ResourceRecord])
        case failure(Reason, String)
    }

    /// The referral for `zone`, asking the parent's addresses in turn until one answers.
    func delegation(of zone: DomainName) async -> Answer {
        let addresses = await servers.value
        guard !addresses.isEmpty else { return .failure(.delegationUnresolved, "no address for any server of \(tld)") }
        let first = turn.add(1, ordering: .relaxed).oldValue
        var failures: [String] = []
        for offset in 0..<min(addresses.count, 3) {
            let address = addresses[(first + offset) % addresses.count]
            await rate.wait(for: address)
            let outcome = await client.query(zone, .ns, at: address, dnssec: true)
            guard let message = outcome.message else {
                failures.append("\(address): \(outcome.summary)")
                continue
            }
            if message.rcode == .nxDomain {
                return .failure(.notDelegated, "\(zone) is not delegated: \(address) (a server of \(tld)) answers NXDOMAIN")
            }
            let records = message.isReferral ? message.authority : message.answer
            let names = records.filter { $0.type == .ns && $0.owner == zone }.compactMap(\.target).map { $0.lowercased() }
            guard message.rcode == .noError, !names.isEmpty else {
                failures.append("\(address): \(message.rcode), no NS for \(zone)")
                continue
            }
            let glue = message.additional.filter { ($0.type == .a || $0.type == .aaaa) }
            var ds = message.authority.filter { $0.type == .ds && $0.owner == zone }
            // A referral carries the DS only from a signed parent (with DO=1); an unsigned
            // one, and a server that leaves it out, is asked for it.
            let proof = message.authority.contains { $0.type == .nsec || $0.type == .nsec3 }
            if ds.isEmpty, !proof {
                await rate.wait(for: address)
                if let answer = await client.query(zone, .ds, at: address, dnssec: true).message,
                   answer.rcode == .noError, answer.flags.contains(.aa) {
                    ds = answer.answer.filter { $0.type == .ds && $0.owner == zone }
                }
            }
            return .delegation(nameServers: Array(Set(names)).sorted(), glue: glue, ds: ds)
        }
        return .failure(.delegationUnresolved, failures.joined(separator: "; "))
    }
}
