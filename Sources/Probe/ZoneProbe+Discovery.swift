import DNSCore

/// Finding the zone's servers and asking them everything, as one flow of events: the
/// parent's servers, the zone's own apex NS at every address the delegation gives, the
/// addresses of every NS name, and the observation of every address, each started as soon
/// as what it needs is in. Nothing waits for a slower stage to finish, so a dead address
/// delays the zone by its timeout once, whichever stage asks it first.
extension ZoneProbe {
    struct Discovery: Sendable {
        var parentViews: [ParentView]
        var childNS: ChildNS
        /// Parent NS names ∪ child apex NS names, each with all its addresses.
        var servers: [ProbedServer]
        /// One per server, in server order.
        var observations: [AddressObservation]
    }

    private enum Step: Sendable {
        case parents([ParentView])
        case apexNS(ProbedServer, Message?)
        case resolved(DomainName, [ServerAddress])
        case observed(ServerAddress, AddressObservation)
    }

    func discover(_ delegation: Delegation, signed: Bool, critical: [CriticalRecord]) async -> Discovery {
        // The addresses the delegation itself gives: glue, or (out of bailiwick) a walk.
        let initial = await delegatedServers(delegation)
        return await withTaskGroup(of: Step.self) { group in
            var observed: [ServerAddress: AddressObservation] = [:]
            var started = Set<ServerAddress>()
            var resolved: [DomainName: [ServerAddress]] = [:]
            var resolving = Set<DomainName>()
            // In-bailiwick names wait for the first authoritative apex NS answer, whose
            // additional section (or server) gives their authoritative addresses.
            var awaitingApex: [DomainName] = []
            var apexPending = initial.count
            var firstApex: (server: ProbedServer, message: Message)?
            var answers: [(ProbedServer, Set<DomainName>)] = []
            var parentViews: [ParentView] = []

            func startObserving(_ address: ServerAddress) {
                guard started.insert(address).inserted else { return }
                group.addTask { .observed(address, await observe(address, signed: signed, critical: critical)) }
            }
            func resolveDelegated(_ name: DomainName) {
                resolving.insert(name)
                group.addTask { .resolved(name, await delegatedAddresses(of: name, delegation)) }
            }
            func resolveAuthoritatively(_ name: DomainName, from apex: (server: ProbedServer, message: Message)) {
                if let addresses = additionalAddresses(of: name, in: apex.message, glue: delegation.glue) {
                    resolved[name] = addresses
                    addresses.forEach(startObserving)
                    return
                }
                resolving.insert(name)
                group.addTask {
                    var addresses = await authoritativeAddresses(of: name, at: apex.server.address)
                    if addresses.isEmpty { addresses = await delegatedAddresses(of: name, delegation) }
                    return .resolved(name, addresses)
                }
            }
            func need(_ name: DomainName) {
                guard resolved[name] == nil, !resolving.contains(name), !awaitingApex.contains(name) else { return }
                if !name.isSubdomain(of: zone) {
                    resolveDelegated(name)
                } else if let firstApex {
                    resolveAuthoritatively(name, from: firstApex)
                } else {
                    awaitingApex.append(name)
                }
            }
            func noApexToCome() {
                let waiting = awaitingApex
                awaitingApex = []
                waiting.forEach(resolveDelegated)
            }

            group.addTask { .parents(await askParents(delegation)) }
            for server in initial {
                startObserving(server.address)
                group.addTask { .apexNS(server, await apexNS(at: server.address)) }
            }
            // Out-of-bailiwick names were resolved by the delegation step already.
            for name in delegation.nameServers where !name.isSubdomain(of: zone) {
                resolved[name] = initial.filter { $0.name == name }.map(\.address)
            }
            for name in delegation.nameServers { need(name) }
            if apexPending == 0 { noApexToCome() }

            for await step in group {
                switch step {
                case .parents(let views):
                    parentViews = views
                case .apexNS(let server, let message):
                    apexPending -= 1
                    if let message {
                        let names = Set(message.answer.filter { $0.type == .ns && $0.owner == zone }.compactMap(\.target))
                        answers.append((server, names))
                        if firstApex == nil {
                            let apex = (server: server, message: message)
                            firstApex = apex
                            let waiting = awaitingApex
                            awaitingApex = []
                            for name in waiting { resolveAuthoritatively(name, from: apex) }
                        }
                        for name in names.sorted() { need(name) }
                    }
                    if apexPending == 0 { noApexToCome() }
                case .resolved(let name, let addresses):
                    resolving.remove(name)
                    resolved[name] = addresses
                    addresses.forEach(startObserving)
                case .observed(let address, let observation):
                    observed[address] = observation
                }
            }

            let servers = resolved.flatMap { name, addresses in
                Set(addresses).map { ProbedServer(name: name, address: $0) }
            }.sorted { ($0.name, $0.address.description) < ($1.name, $1.address.description) }
            return Discovery(
                parentViews: parentViews.sorted { $0.server.address.description < $1.server.address.description },
                childNS: ChildNS(names: answers.reduce(into: Set<DomainName>()) { $0.formUnion($1.1) }, answers: answers),
                servers: servers,
                observations: servers.compactMap { observed[$0.address]?.relabelled($0) })
        }
    }

    /// Every parent NS name with the addresses the delegation gives it.
    private func delegatedServers(_ delegation: Delegation) async -> [ProbedServer] {
        await withTaskGroup(of: [ProbedServer].self) { group in
            for name in delegation.nameServers {
                group.addTask {
                    await delegatedAddresses(of: name, delegation).map { ProbedServer(name: name, address: $0) }
                }
            }
            var all: [ProbedServer] = []
            for await servers in group { all += servers }
            return all.sorted { ($0.name, $0.address.description) < ($1.name, $1.address.description) }
        }
    }

    /// Glue, or else the name's addresses found from the root.
    private func delegatedAddresses(of name: DomainName, _ delegation: Delegation) async -> [ServerAddress] {
        let glue = delegation.glue.filter { $0.owner == name }.compactMap(\.address)
            .compactMap { try? ServerAddress(host: $0, port: configuration.port) }
        if !glue.isEmpty { return glue }
        return (try? await walker.addresses(of: name)) ?? []
    }

    /// The zone's apex NS as one of its servers serves it: an authoritative answer or nil.
    private func apexNS(at address: ServerAddress) async -> Message? {
        guard let message = await client.query(zone, .ns, at: address, urgent: true).message,
              message.rcode == .noError, message.flags.contains(.aa),
              message.answer.contains(where: { $0.type == .ns && $0.owner == zone }) else { return nil }
        return message
    }

    /// The addresses an authoritative apex NS answer carries for `name`, when they cover
    /// every address family the glue has (a server may leave some out; then ask).
    private func additionalAddresses(of name: DomainName, in message: Message, glue: [ResourceRecord]) -> [ServerAddress]? {
        let records = message.additional.filter { $0.owner == name && ($0.type == .a || $0.type == .aaaa) }
        guard !records.isEmpty else { return nil }
        let families = Set(records.map(\.type))
        guard Set(glue.filter { $0.owner == name }.map(\.type)).isSubset(of: families) else { return nil }
        return records.compactMap(\.address).compactMap { try? ServerAddress(host: $0, port: configuration.port) }
    }

    /// A and AAAA of an in-bailiwick name, asked of one of the zone's servers.
    private func authoritativeAddresses(of name: DomainName, at address: ServerAddress) async -> [ServerAddress] {
        async let four = client.query(name, .a, at: address)
        async let six = client.query(name, .aaaa, at: address)
        guard let a = await four.message, a.flags.contains(.aa), a.rcode == .noError || a.rcode == .nxDomain else { return [] }
        let records = a.answers(.a, for: name) + ((await six.message)?.answers(.aaaa, for: name) ?? [])
        return records.compactMap(\.address).compactMap { try? ServerAddress(host: $0, port: configuration.port) }
    }
}
