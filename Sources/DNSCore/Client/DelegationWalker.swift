/// Finds a zone's delegation the way a resolver would, but out in the open: from the root
/// hints, RD=0, following referrals down to the zone's parent, never through the system
/// resolver. Out-of-bailiwick server names are resolved the same way; glueless chains
/// and cycles are bounded.
public struct DelegationWalker: Sendable {
    public let client: DNSClient
    public let rootHints: RootHints
    /// Port of servers learned from referrals (53 outside tests).
    public var port: UInt16
    public var maxReferrals = 24
    public var maxGluelessDepth = 4
    private let cache = ReferralCache()

    public init(client: DNSClient = DNSClient(), rootHints: RootHints = .iana, port: UInt16 = 53) {
        self.client = client
        self.rootHints = rootHints
        self.port = port
    }

    /// The parent's view of `zone`: its NS set, glue and DS, and every parent server.
    public func delegation(of zone: DomainName) async throws -> Delegation {
        try await delegation(of: zone, visiting: [])
    }

    /// A and AAAA of `name`, found iteratively from the root.
    public func addresses(of name: DomainName) async throws -> [ServerAddress] {
        try await addresses(of: name, visiting: [])
    }

    private func delegation(of zone: DomainName, visiting: Set<DomainName>) async throws -> Delegation {
        var (cut, servers) = await startingPoint(for: zone)
        if zone.isRoot {
            return Delegation(
                zone: zone, parent: .root, parentServers: servers, nameServers: servers.map(\.name), nsRecords: [],
                glue: [], ds: [], dsSignatures: [], answeredBy: servers.first?.addresses.first ?? rootHints.addresses[0],
                coHosted: false)
        }
        for _ in 0..<maxReferrals {
            // DO=1: a referral then carries the DS RRset, or the proof there is none.
            let (response, server) = try await ask(servers, zone, .ns, cut: cut, dnssec: true)
            let message = response.message
            if message.rcode == .nxDomain {
                throw DNSCoreError(.notDelegated, "\(zone) is not delegated: \(server) (a server of \(cut)) answers NXDOMAIN")
            }
            if message.isReferral {
                let (owner, nsRecords, names, glue) = try referral(message, toward: zone, below: cut, from: server)
                let childServers = try await nameServers(names, glue: glue, visiting: visiting)
                await cache.store(cut: owner, servers: childServers)
                if owner == zone {
                    let (ds, signatures) = try await delegationSigner(of: zone, in: message, at: servers, cut: cut)
                    var delegation = Delegation(
                        zone: zone, parent: cut, parentServers: servers, nameServers: names, nsRecords: nsRecords,
                        glue: glue, ds: ds, dsSignatures: signatures, answeredBy: server, coHosted: false)
                    delegation.referral = response
                    return delegation
                }
                guard !childServers.allSatisfy({ $0.addresses.isEmpty }) else {
                    throw DNSCoreError(.resolution, "no address for any server of \(owner) (\(names.map(\.description).joined(separator: ", ")))")
                }
                cut = owner
                servers = childServers
                continue
            }
            if message.flags.contains(.aa) {
                let nsAnswer = message.answer.filter { $0.type == .ns && $0.owner == zone }
                if !nsAnswer.isEmpty {
                    // The parent's server serves the child too and answered from the child.
                    let names = unique(nsAnswer.compactMap(\.target))
                    let glue = message.additional.filter { ($0.type == .a || $0.type == .aaaa) && names.contains($0.owner) }
                    let (ds, signatures) = try await delegationSigner(of: zone, at: servers, cut: cut)
                    var delegation = Delegation(
                        zone: zone, parent: cut, parentServers: servers, nameServers: names, nsRecords: nsAnswer,
                        glue: glue, ds: ds, dsSignatures: signatures, answeredBy: server, coHosted: true)
                    delegation.referral = response
                    return delegation
                }
                if message.rcode == .noError {
                    throw DNSCoreError(.notDelegated, "\(zone) is not delegated: it is a name inside \(cut) at \(server), not a zone cut")
                }
            }
            throw DNSCoreError(.resolution, "\(server) (a server of \(cut)) answers \(zone) NS with \(message.rcode), flags \(message.flags.names.joined(separator: " ")): neither a referral nor an answer")
        }
        throw DNSCoreError(.resolution, "more than \(maxReferrals) referrals on the way to \(zone)")
    }

    private func addresses(of name: DomainName, visiting: Set<DomainName>) async throws -> [ServerAddress] {
        guard !visiting.contains(name) else {
            throw DNSCoreError(.resolution, "name server cycle: resolving \(name) needs \(name) itself")
        }
        guard visiting.count < maxGluelessDepth else {
            throw DNSCoreError(.resolution, "glueless chain deeper than \(maxGluelessDepth) resolving \(name)")
        }
        let visiting = visiting.union([name])
        var (cut, servers) = await startingPoint(for: name)
        for _ in 0..<maxReferrals {
            let (response, server) = try await ask(servers, name, .a, cut: cut)
            let message = response.message
            if message.isReferral {
                let (owner, _, names, glue) = try referral(message, toward: name, below: cut, from: server)
                servers = try await nameServers(names, glue: glue, visiting: visiting)
                await cache.store(cut: owner, servers: servers)
                cut = owner
                continue
            }
            guard message.rcode == .noError else { return [] }
            var found = message.answers(.a, for: name).compactMap(\.address)
            if let six = try? await ask(servers, name, .aaaa, cut: cut).0.message, six.rcode == .noError {
                found += six.answers(.aaaa, for: name).compactMap(\.address)
            }
            return found.compactMap { try? ServerAddress(host: $0, port: port) }
        }
        throw DNSCoreError(.resolution, "more than \(maxReferrals) referrals resolving \(name)")
    }

    /// A referral's new zone cut, its NS records and names, and the glue for them; a
    /// referral that does not go down towards `name` is a broken (lame or upward) one.
    private func referral(_ message: Message, toward name: DomainName, below cut: DomainName, from server: ServerAddress) throws
        -> (owner: DomainName, nsRecords: [ResourceRecord], names: [DomainName], glue: [ResourceRecord]) {
        let nsRecords = message.authority.filter { $0.type == .ns }
        let owner = nsRecords[0].owner
        guard owner.isSubdomain(of: cut), owner != cut, name.isSubdomain(of: owner) else {
            throw DNSCoreError(.resolution, "\(server) (a server of \(cut)) sends a referral to \(owner), which does not lead to \(name)")
        }
        let names = unique(nsRecords.filter { $0.owner == owner }.compactMap(\.target))
        let glue = message.additional.filter { ($0.type == .a || $0.type == .aaaa) && names.contains($0.owner) }
        return (owner, nsRecords, names, glue)
    }

    /// Servers of a zone cut: glue first; names without glue resolved iteratively.
    private func nameServers(_ names: [DomainName], glue: [ResourceRecord], visiting: Set<DomainName>) async throws -> [NameServer] {
        var result: [NameServer] = []
        for name in names {
            var addresses = glue.filter { $0.owner == name }.compactMap(\.address)
                .compactMap { try? ServerAddress(host: $0, port: port) }
            if addresses.isEmpty {
                addresses = (try? await self.addresses(of: name, visiting: visiting)) ?? []
            }
            result.append(NameServer(name: name, addresses: addresses))
        }
        return result
    }

    /// The DS RRset from the referral (RFC 4035 §3.1.4.1: with DO=1 a referral carries it
    /// or the NSEC/NSEC3 proof that there is none; an unsigned parent has neither and no
    /// signatures at all), else asked for.
    private func delegationSigner(of zone: DomainName, in referral: Message, at servers: [NameServer], cut: DomainName) async throws
        -> ([ResourceRecord], [ResourceRecord]) {
        let ds = referral.authority.filter { $0.owner == zone && $0.type == .ds }
        if !ds.isEmpty {
            return (ds, referral.authority.filter { $0.owner == zone && $0.rrsig?.typeCovered == .ds })
        }
        let proof = referral.authority.contains { $0.type == .nsec || $0.type == .nsec3 }
        let unsignedParent = referral.edns?.dnssecOK == true
            && !(referral.answer + referral.authority + referral.additional).contains { $0.type == .rrsig }
        if proof || unsignedParent { return ([], []) }
        return try await delegationSigner(of: zone, at: servers, cut: cut)
    }

    private func delegationSigner(of zone: DomainName, at servers: [NameServer], cut: DomainName) async throws
        -> ([ResourceRecord], [ResourceRecord]) {
        let (response, _) = try await ask(servers, zone, .ds, cut: cut, dnssec: true)
        let answer = response.message.answer.filter { $0.owner == zone }
        return (answer.filter { $0.type == .ds }, answer.filter { $0.rrsig?.typeCovered == .ds })
    }

    /// Asks the servers one address at a time until one gives a usable answer; a server
    /// that is down, refuses or fails costs one attempt, not the walk.
    private func ask(_ servers: [NameServer], _ name: DomainName, _ type: RRType, cut: DomainName,
                     dnssec: Bool = false) async throws -> (DNSResponse, ServerAddress) {
        var failures: [String] = []
        var notAllowed: [TransportError] = []
        for server in servers {
            for address in server.addresses {
                do {
                    let response = try await client.query(name, type, at: address, dnssec: dnssec)
                    let rcode = response.message.rcode
                    if rcode == .noError || rcode == .nxDomain { return (response, address) }
                    failures.append("\(server.name) \(address): \(rcode)")
                } catch let error as TransportError where error.code == .targetNotAllowed {
                    notAllowed.append(error)
                    failures.append("\(server.name) \(address): \(error)")
                } catch {
                    failures.append("\(server.name) \(address): \(error)")
                }
            }
        }
        // Said once rather than per address: the usual cause is the IANA root hints where
        // a private root was meant (a forgotten --root-hints).
        if let first = notAllowed.first, notAllowed.count == failures.count {
            let addresses = notAllowed.map(\.server.description).joined(separator: ", ")
            throw DNSCoreError(.resolution, "no server of \(cut) may be asked \(name) \(type): every address (\(addresses)) "
                + "is outside the target allow-list \(first.detail ?? "?"); nothing was sent"
                + (cut.isRoot && rootHints.addresses == RootHints.iana.addresses ? " (these are the IANA root servers: give --root-hints?)" : ""))
        }
        throw DNSCoreError(.resolution, "no server of \(cut) answered \(name) \(type)"
            + (failures.isEmpty ? " (no server addresses)" : ": " + failures.joined(separator: "; ")))
    }

    private func startingPoint(for name: DomainName) async -> (DomainName, [NameServer]) {
        if let cached = await cache.closest(above: name) { return cached }
        return (.root, rootHints.servers)
    }

    private func unique(_ names: [DomainName]) -> [DomainName] {
        var seen = Set<DomainName>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// Zone cuts already walked, so a run over many zones under one TLD asks the root once.
actor ReferralCache {
    private var servers: [DomainName: [NameServer]] = [:]

    func store(cut: DomainName, servers: [NameServer]) {
        guard servers.contains(where: { !$0.addresses.isEmpty }) else { return }
        self.servers[cut] = servers
    }

    /// The deepest cached cut strictly above `name`.
    func closest(above name: DomainName) -> (DomainName, [NameServer])? {
        var candidate = name.parent
        while let current = candidate {
            if let found = servers[current] { return (current, found) }
            candidate = current.parent
        }
        return nil
    }
}
