import DNSCore
import Foundation
import Model
import Synchronization

/// The per-zone checks of a sweep, on the delegation the TLD's zone file gives (no walk
/// from the root): at each of the zone's addresses its SOA (DO=1, so also the signed SOA)
/// and, for a signed delegation, its DNSKEY; at the first authoritative address its apex
/// NS (the child's NS set and in-bailiwick addresses). The per-server questions (TCP, EDNS,
/// AXFR) come from `ServerChecks`. Judged by the probe's own rules, so a sweep and a probe
/// say the same of a zone.
struct SweepZoneCheck: Sendable {
    let configuration: ProbeConfiguration
    let client: ProbeClient
    let walker: DelegationWalker
    let servers: ServerChecks
    let rate: ServerRateLimit
    let names: NameAddresses
    let tld: DomainName
    /// For zones whose delegation the work list does not hold (`--zones`).
    let parents: ParentReferrals?

    func run(_ item: SweepItem, now: Date) async -> SweepZoneResult {
        guard let zone = try? DomainName(item.zone).lowercased() else {
            let finding = Finding(check: .authDelegation, severity: .critical, reason: .delegationUnresolved,
                                  parameters: ["error": .text("not a domain name: \(item.zone)")], zone: item.zone, time: now)
            return SweepZoneResult(item: item, findings: [finding])
        }
        let probe = ZoneProbe(target: ZoneTarget(name: zone), configuration: configuration, client: client, walker: walker,
                              serialHistory: nil, now: now)
        var nameServers = item.delegation.nameServers.compactMap { try? DomainName($0).lowercased() }
        var glue: [ResourceRecord] = []
        for name in nameServers {
            for text in item.glue[name.description] ?? [] {
                if let record = SweepRecords.address(name, text) { glue.append(record) }
            }
        }
        var ds = item.delegation.ds.compactMap { SweepRecords.ds(zone, $0) }
        // A zone from a list: the parent's servers say how it is delegated.
        if nameServers.isEmpty, let parents {
            switch await parents.delegation(of: zone) {
            case .delegation(let names, let referralGlue, let referralDS):
                nameServers = names
                glue = referralGlue
                ds = referralDS
            case .failure(let reason, let text):
                let key = reason == .notDelegated ? "detail" : "error"
                return SweepZoneResult(item: item, findings: [probe.finding(.authDelegation, .critical, reason, [key: .text(text)])],
                                       nameServers: [])
            }
        }
        let delegation = Delegation(given: zone, parent: tld, nameServers: nameServers, glue: glue, ds: ds)
        let signed = !ds.isEmpty

        var delegated: [ProbedServer] = []
        for name in nameServers {
            var addresses = glue.filter { $0.owner == name }.compactMap(\.address)
                .compactMap { try? ServerAddress(host: $0, port: configuration.port) }
            if addresses.isEmpty { addresses = await names.addresses(of: name) }
            delegated += Set(addresses).map { ProbedServer(name: name, address: $0) }
        }
        delegated.sort { ($0.name, $0.address.description) < ($1.name, $1.address.description) }
        guard !delegated.isEmpty else {
            return SweepZoneResult(item: item, findings: [probe.finding(.authReachUDP, .critical, .noAddress)])
        }

        let observations = await withTaskGroup(of: (Int, AddressObservation).self) { group in
            for (index, server) in delegated.enumerated() {
                group.addTask { (index, await observe(server, zone: zone, signed: signed)) }
            }
            var observed = [AddressObservation?](repeating: nil, count: delegated.count)
            for await (index, observation) in group { observed[index] = observation }
            return observed.compactMap { $0 }
        }
        let child = await childNS(zone, observations: observations, probe: probe)
        // In-bailiwick names as the zone itself has them, for the glue comparison.
        var judged = delegated
        for name in Set(nameServers) where name.isSubdomain(of: zone) {
            guard let addresses = child.addresses[name] else { continue }
            judged.removeAll { $0.name == name }
            judged += addresses.map { ProbedServer(name: name, address: $0) }
        }

        var findings = probe.judgeDelegation(delegation, parentViews: [], childNS: child.ns, servers: judged)
        findings += probe.judgeReachability(observations)
        findings += probe.judgeSerials(observations).findings
        findings += probe.judgeEDNS(observations, signed: signed)
        findings += probe.judgeDNSSEC(observations, delegation: delegation).findings
        findings += probe.judgeAXFR(observations)
        return SweepZoneResult(item: item, findings: findings, nameServers: nameServers.map(\.description))
    }

    /// The zone at one address: its own SOA (and DNSKEY), the rest from the server's verdict.
    private func observe(_ server: ProbedServer, zone: DomainName, signed: Bool) async -> AddressObservation {
        let verdict = await servers.verdict(for: server.address, zone: zone)
        var observation = verdict.observation.relabelled(server)
        guard verdict.answersUDP else { return observation }
        let plain = verdict.observation.udpEDNSUnanswered != nil
        await rate.wait(for: server.address)
        async let soa = plain ? client.plainQuery(zone, .soa, at: server.address)
                              : client.query(zone, .soa, at: server.address, dnssec: true)
        async let dnskey: ProbeClient.Outcome? = signed && !plain ? paced(zone, .dnskey, at: server.address) : nil
        let answer = await soa
        observation.soaUDP = answer
        observation.data = [:]
        observation.dnskey = await dnskey
        observation.soaSigned = signed && !plain ? answer : nil
        if !plain { observation.edns[.dnssecOK] = answer }
        // EDNS and AXFR of a server whose verdict zone was lame there are unknown.
        if !verdict.conclusive {
            observation.edns = plain ? [:] : [.dnssecOK: answer]
            observation.axfr = nil
        }
        return observation
    }

    private func paced(_ name: DomainName, _ type: RRType, at address: ServerAddress) async -> ProbeClient.Outcome {
        await rate.wait(for: address)
        return await client.query(name, type, at: address, dnssec: true)
    }

    private struct Child {
        var ns: ZoneProbe.ChildNS
        var addresses: [DomainName: [ServerAddress]]
    }

    /// The apex NS at the first address that serves the zone, with the addresses its
    /// additional section (or that server) gives the in-bailiwick names.
    private func childNS(_ zone: DomainName, observations: [AddressObservation], probe: ZoneProbe) async -> Child {
        for observation in observations {
            guard let soa = observation.soaUDP.message, probe.lameness(soa) == nil else { continue }
            let address = observation.server.address
            await rate.wait(for: address)
            guard let message = await client.query(zone, .ns, at: address).message, message.rcode == .noError,
                  message.flags.contains(.aa) else { continue }
            let names = Set(message.answer.filter { $0.type == .ns && $0.owner == zone }.compactMap(\.target))
            guard !names.isEmpty else { continue }
            var addresses: [DomainName: [ServerAddress]] = [:]
            for name in names where name.isSubdomain(of: zone) {
                var records = message.additional.filter { $0.owner == name && ($0.type == .a || $0.type == .aaaa) }
                if records.isEmpty {
                    await rate.wait(for: address)
                    records = (await client.query(name, .a, at: address).message)?.answers(.a, for: name) ?? []
                }
                addresses[name] = records.compactMap(\.address).compactMap { try? ServerAddress(host: $0, port: configuration.port) }
            }
            return Child(ns: ZoneProbe.ChildNS(names: names, answers: [(observation.server, names)]), addresses: addresses)
        }
        return Child(ns: ZoneProbe.ChildNS(names: [], answers: []), addresses: [:])
    }
}

/// Addresses of NS names the TLD's zone file has no glue for, found from the root once
/// per name and shared by every zone that names it.
final class NameAddresses: Sendable {
    private let walker: DelegationWalker
    private let cache = Mutex<[DomainName: Task<[ServerAddress], Never>]>([:])

    init(walker: DelegationWalker) {
        self.walker = walker
    }

    func addresses(of name: DomainName) async -> [ServerAddress] {
        let task = cache.withLock { cache in
            if let task = cache[name] { return task }
            let task = Task { [walker] in (try? await walker.addresses(of: name)) ?? [] }
            cache[name] = task
            return task
        }
        return await task.value
    }
}
