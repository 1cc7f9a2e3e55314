import DNSCore

/// Builds a partial zone when no server allows a transfer: the critical names and the
/// apex essentials, asked of the authorities directly (RD=0, DO=1), RRSIGs included.
struct Harvester: Sendable {
    let client: DNSClient

    func harvest(zone: DomainName, critical: [(DomainName, RRType)], from servers: [NameServer]) async throws
        -> (records: [ResourceRecord], server: NameServer, address: ServerAddress) {
        var failures: [String] = []
        for server in servers {
            for address in server.addresses {
                do {
                    let records = try await harvest(zone: zone, critical: critical, at: address)
                    return (records, server, address)
                } catch {
                    failures.append("\(server.name) \(address): \(error)")
                }
            }
        }
        throw DNSCoreError(.transfer, "harvest of \(zone) failed on every server: " + failures.joined(separator: "; "))
    }

    private func harvest(zone: DomainName, critical: [(DomainName, RRType)], at address: ServerAddress) async throws -> [ResourceRecord] {
        let soa = try await client.query(zone, .soa, at: address, dnssec: true).message
        guard soa.rcode == .noError, soa.flags.contains(.aa), soa.answer.contains(where: { $0.type == .soa }) else {
            throw DNSCoreError(.transfer, "\(address) is not authoritative for \(zone) (\(soa.rcode))")
        }
        var questions: [(DomainName, RRType)] = [(zone, .ns), (zone, .dnskey), (zone, .mx), (zone, .txt)] + critical
        var records = soa.answer
        var asked = Set<String>()
        var index = 0
        while index < questions.count, index < 512 {
            let (name, type) = questions[index]
            index += 1
            guard asked.insert("\(name.lowercased()) \(type)").inserted, name.isSubdomain(of: zone) else { continue }
            let message = try await client.query(name, type, at: address, dnssec: true).message
            // A delegation inside the zone (a TLD under the root) is data of this zone
            // too: its NS and glue come as a referral, its DS as an answer.
            if message.isReferral, type == .ns {
                let cut = message.authority.filter { $0.type == .ns && $0.owner == name }
                let targets = Set(cut.compactMap(\.target))
                records += cut
                records += message.additional.filter {
                    ($0.type == .a || $0.type == .aaaa) && targets.contains($0.owner) && $0.owner.isSubdomain(of: zone)
                }
                continue
            }
            guard message.flags.contains(.aa) else { continue }
            let answer = message.answer.filter { $0.owner.isSubdomain(of: zone) }
            records += answer
            // Addresses of in-zone servers and mail exchangers make the copy usable.
            for record in answer where record.type == .ns || record.type == .mx {
                if let target = record.target, target.isSubdomain(of: zone) {
                    questions.append((target, .a))
                    questions.append((target, .aaaa))
                }
            }
        }
        return records
    }
}
