import DNSCore
import Foundation
import Model

/// AUTH-DNSSEC: the chain from the parent's DS to the zone's SOA signature, per server.
extension ZoneProbe {
    func judgeDNSSEC(_ observations: [AddressObservation], delegation: Delegation) -> (findings: [Finding], earliestExpiry: Date?) {
        guard !delegation.ds.isEmpty else {
            return ([finding(.authDNSSEC, .ok, .unsigned, ["parent": .name(delegation.parent.description)])], nil)
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
                findings.append(finding(.authDNSSEC, .critical, .dsNoKey,
                    ["keyTags": .list(delegation.ds.compactMap { $0.ds?.keyTag }.map(String.init)),
                     "ds": .list(delegation.ds.map(\.description))],
                    server: observation.server))
                continue
            }
            let keyVerdicts = DNSSECVerifier.verifyAll(rrset: keys, signatures: keyMessage.answer, keys: anchors, at: now)
            let soa = soaMessage.answer.filter { $0.type == .soa && $0.owner == zone }
            let soaVerdicts = DNSSECVerifier.verifyAll(rrset: soa, signatures: soaMessage.answer, keys: keys, at: now)
            var problems: [String] = []
            var expired: [SignatureVerdict] = []
            var invalid = false
            for (what, verdicts) in [("DNSKEY", keyVerdicts), ("SOA", soaVerdicts)] {
                if verdicts.isEmpty {
                    problems.append("\(what) RRset unsigned")
                    invalid = true
                } else if !verdicts.contains(where: \.isValid) {
                    problems.append("\(what) signature \(verdicts.map(\.description).joined(separator: "; "))")
                    let lapsed = verdicts.filter { $0.status == .expired }
                    if lapsed.isEmpty { invalid = true } else { expired += lapsed }
                }
            }
            let expiries = (keyVerdicts + soaVerdicts).filter(\.isValid).compactMap(\.expiration)
            if let soonest = expiries.min() {
                earliest = min(earliest ?? soonest, soonest)
            }
            if !problems.isEmpty {
                var parameters: FindingParameters = ["problems": .list(problems)]
                if let lapsed = expired.compactMap(\.expiration).min() { parameters["expiredAt"] = .time(lapsed) }
                findings.append(finding(.authDNSSEC, .critical, invalid ? .rrsigInvalid : .rrsigExpired, parameters,
                                        server: observation.server))
            } else if let soonest = expiries.min(), soonest.timeIntervalSince(now) < window {
                findings.append(finding(.authDNSSEC, .warning, .rrsigExpiring,
                                        ["expiry": .time(soonest), "window": .seconds(window)], server: observation.server))
            }
        }
        if keySets.count > 1 {
            let variants = keySets.map { keys, servers in
                "\(keys.count) keys at \(servers.map { $0.address.description }.sorted().joined(separator: " "))"
            }.sorted()
            findings.append(finding(.authDNSSEC, .warning, .dnskeyDiffers, ["variants": .list(variants)]))
        }
        if keySets.isEmpty {
            findings.append(finding(.authDNSSEC, .critical, .dnskeyMissing))
        }
        if findings.isEmpty {
            findings.append(finding(.authDNSSEC, .ok, .dnssecOK, earliest.map { ["expiry": .time($0)] } ?? [:]))
        }
        return (findings, earliest)
    }
}
