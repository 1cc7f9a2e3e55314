import DNSCore
import Model

/// The parent's and the child's view of the zone's name servers, and the server set
/// every other check runs on.
extension ZoneProbe {
    struct ParentView: Sendable {
        let server: ProbedServer
        let outcome: ProbeClient.Outcome
        /// NS names of the referral (or of the answer, when the parent server serves the child too).
        var names: Set<DomainName>? {
            guard let message = outcome.message, message.rcode == .noError else { return nil }
            let records = message.isReferral ? message.authority : message.answer
            let names = records.filter { $0.type == .ns && $0.owner == outcome.zone }.compactMap(\.target)
            return names.isEmpty ? nil : Set(names)
        }
        var glue: [ResourceRecord] {
            outcome.message?.additional.filter { $0.type == .a || $0.type == .aaaa } ?? []
        }
    }

    struct ChildNS: Sendable {
        var names: Set<DomainName>
        /// Servers that answered the apex NS query, and what each said.
        var answers: [(ProbedServer, Set<DomainName>)]
    }

    func askParents(_ delegation: Delegation) async -> [ParentView] {
        let servers = delegation.parentServers.flatMap { server in
            server.addresses.map { ProbedServer(name: server.name, address: $0) }
        }
        return await withTaskGroup(of: ParentView.self) { group in
            for server in servers {
                // The walk already holds the answering parent's referral: no need to ask twice.
                if server.address == delegation.answeredBy, let referral = delegation.referral {
                    group.addTask { ParentView(server: server, outcome: .answer(referral)) }
                    continue
                }
                group.addTask { ParentView(server: server, outcome: await client.query(zone, .ns, at: server.address)) }
            }
            var views: [ParentView] = []
            for await view in group { views.append(view) }
            return views.sorted { $0.server.address.description < $1.server.address.description }
        }
    }

    func judgeDelegation(_ delegation: Delegation, parentViews: [ParentView], childNS: ChildNS,
                         servers: [ProbedServer]) -> [Finding] {
        var findings: [Finding] = []
        let parentNames = Set(delegation.nameServers)
        let parentList = parentNames.map(\.description).sorted()
        func names(_ set: Set<DomainName>) -> FindingValue { .list(set.map(\.description).sorted()) }

        for view in parentViews {
            guard let names = view.names else {
                findings.append(finding(.authDelegation, .warning, .parentNoDelegation,
                    ["parent": .name(delegation.parent.description), "answer": .text(view.outcome.summary)], server: view.server))
                continue
            }
            if names != parentNames {
                findings.append(finding(.authDelegation, .warning, .parentsDisagree,
                    ["names": .list(names.map(\.description).sorted()), "reference": .list(parentList)], server: view.server))
            }
        }

        if childNS.answers.isEmpty {
            findings.append(finding(.authDelegation, .warning, .childNSUnanswered))
        } else if childNS.names != parentNames {
            findings.append(finding(.authDelegation, .warning, .nsSetMismatch,
                ["parentOnly": names(parentNames.subtracting(childNS.names)), "childOnly": names(childNS.names.subtracting(parentNames)),
                 "parent": .list(parentList), "child": names(childNS.names)]))
        }

        if let expected = target.expectedNS, expected != parentNames {
            findings.append(finding(.authDelegation, .warning, .nsUnexpected, ["delegation": .list(parentList), "expected": names(expected)]))
        }

        // Glue of in-bailiwick names must equal what the zone itself says.
        for name in parentNames where name.isSubdomain(of: zone) {
            let glue = Set(delegation.glue.filter { $0.owner == name }.compactMap(\.address))
            let authoritative = Set(servers.filter { $0.name == name }.map(\.address.host))
            guard !glue.isEmpty || !authoritative.isEmpty else { continue }
            if glue != authoritative {
                findings.append(finding(.authDelegation, .warning, .glueMismatch,
                    ["nameServer": .name(name.description), "glue": .list(glue.sorted()), "authoritative": .list(authoritative.sorted())]))
            }
        }

        if findings.isEmpty {
            findings.append(finding(.authDelegation, .ok, .delegationOK,
                                    ["parent": .name(delegation.parent.description), "nameServers": .list(parentList)]))
        }
        return findings
    }
}

extension ProbeClient.Outcome {
    /// The question's name, for views that only hold the outcome.
    var zone: DomainName? { message?.question.first?.name }
}
