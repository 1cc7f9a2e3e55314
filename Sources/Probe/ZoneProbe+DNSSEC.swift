import DNSCore
import Foundation

/// AUTH-DNSSEC: the chain from the parent's DS to the zone's SOA signature, per server.
extension ZoneProbe {
    func judgeDNSSEC(_ observations: [AddressObservation], delegation: Delegation) -> (findings: [Finding], earliestExpiry: Date?) {
        guard !delegation.ds.isEmpty else {
            return ([finding(.authDNSSEC, .ok, "unsigned delegation (no DS at \(delegation.parent))")], nil)
        }
        var findings: [Finding] = []
        var earliest: Date?
        var keySets: [Set<CanonicalRecordKey>: [ProbedServer]] = [:]
        let window = configuration.thresholds.dnssecExpiryWarning.seconds

        for observation in observations {
            guard let keyMessage = observation.dnskey?.message, let soaMessage = observation.soaSigned?.message,
                  keyMessage.rcode == .noError, soaMessage.rcode == .noError else { continue }
            let keys = keyMessage.answer.filter { $0.type == .dnskey && $0.owner == zone }
            keySets[Set(keys.map(\.canonicalKey)), default: []].append(observation.server)
            let anchors = keys.filter { key in delegation.ds.contains { DNSSECVerifier.matches(ds: $0, dnskey: key) } }
            guard !anchors.isEmpty else {
                findings.append(finding(.authDNSSEC, .critical,
                    "no DNSKEY matches the parent's DS (key tags \(delegation.ds.compactMap { $0.ds?.keyTag }.map(String.init).joined(separator: " ")))",
                    server: observation.server, evidence: ["ds": delegation.ds.map(\.description).joined(separator: "\n")]))
                continue
            }
            let keyVerdicts = DNSSECVerifier.verifyAll(rrset: keys, signatures: keyMessage.answer, keys: anchors, at: now)
            let soa = soaMessage.answer.filter { $0.type == .soa && $0.owner == zone }
            let soaVerdicts = DNSSECVerifier.verifyAll(rrset: soa, signatures: soaMessage.answer, keys: keys, at: now)
            var problems: [String] = []
            for (what, verdicts) in [("DNSKEY", keyVerdicts), ("SOA", soaVerdicts)] {
                if verdicts.isEmpty {
                    problems.append("\(what) RRset unsigned")
                } else if !verdicts.contains(where: \.isValid) {
                    problems.append("\(what) signature \(verdicts.map(\.description).joined(separator: "; "))")
                }
            }
            let expiries = (keyVerdicts + soaVerdicts).filter(\.isValid).compactMap(\.expiration)
            if let soonest = expiries.min() {
                earliest = min(earliest ?? soonest, soonest)
            }
            if !problems.isEmpty {
                findings.append(finding(.authDNSSEC, .critical, problems.joined(separator: "; "), server: observation.server))
            } else if let soonest = expiries.min(), soonest.timeIntervalSince(now) < window {
                findings.append(finding(.authDNSSEC, .warning,
                    "signatures expire \(ISO8601DateFormatter().string(from: soonest)), within \(Int(window / 86_400)) days",
                    server: observation.server))
            }
        }
        if keySets.count > 1 {
            let variants = keySets.map { keys, servers in
                "\(keys.count) keys at \(servers.map { $0.address.description }.sorted().joined(separator: " "))"
            }.sorted()
            findings.append(finding(.authDNSSEC, .warning, "DNSKEY RRset differs between servers: \(variants.joined(separator: " vs "))"))
        }
        if keySets.isEmpty {
            findings.append(finding(.authDNSSEC, .critical, "DS at the parent, but no server returned the DNSKEY and signed SOA"))
        }
        if findings.isEmpty {
            let until = earliest.map { ISO8601DateFormatter().string(from: $0) } ?? "unknown"
            findings.append(finding(.authDNSSEC, .ok, "chain of trust valid on every server; earliest signature expiry \(until)"))
        }
        return (findings, earliest)
    }
}
