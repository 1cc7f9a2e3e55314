import DNSCore
import Foundation

/// The recursive checks of one resolver against the authoritative truth the zone checks
/// collected: reachability, correct answers, no NXDOMAIN rewriting, DNSSEC validation.
struct ResolverProbe: Sendable {
    let target: ResolverTarget
    let zones: [ZoneTarget]
    let results: [DomainName: ZoneResult]
    let client: ProbeClient
    let now: Date

    func run() async -> [Finding] {
        async let reach = reachability()
        async let correct = correctness()
        async let nxdomain = nxdomainRewriting()
        async let dnssec = validation()
        return await reach + correct + nxdomain + dnssec
    }

    func finding(_ check: CheckID, _ severity: Severity, _ message: String, zone: DomainName? = nil,
                 transport: TransportProtocol? = nil, evidence: [String: String] = [:]) -> Finding {
        Finding(check: check, severity: severity, zone: zone?.description, server: target.name,
                address: target.address.description, transport: transport, message: message, evidence: evidence, time: now)
    }

    private func reachability() async -> [Finding] {
        let name = zones.first?.name ?? .root
        async let udp = client.query(name, .soa, at: target.address, recursionDesired: true)
        async let tcp = client.query(name, .soa, at: target.address, transport: .tcp, recursionDesired: true)
        let (overUDP, overTCP) = await (udp, tcp)
        var findings: [Finding] = []
        func problem(_ outcome: ProbeClient.Outcome) -> String? {
            guard let message = outcome.message else { return outcome.summary }
            if !message.flags.contains(.ra) { return "answer without RA (recursion not available)" }
            if message.rcode != .noError { return "answers \(message.rcode)" }
            return nil
        }
        let udpProblem = problem(overUDP)
        let tcpProblem = problem(overTCP)
        if let udpProblem {
            findings.append(finding(.recReach, tcpProblem == nil ? .warning : .critical, "\(name) SOA over UDP: \(udpProblem)", transport: .udp))
        }
        if let tcpProblem {
            findings.append(finding(.recReach, udpProblem == nil ? .warning : .critical, "\(name) SOA over TCP: \(tcpProblem)", transport: .tcp))
        }
        if findings.isEmpty {
            let rtt = overUDP.response.map { ZoneProbe.milliseconds($0.rtt) } ?? "?"
            findings.append(finding(.recReach, .ok, "answers over UDP and TCP (\(rtt))"))
        }
        return findings
    }

    private func correctness() async -> [Finding] {
        var findings: [Finding] = []
        for zone in zones {
            guard let truthTable = results[zone.name]?.truth else { continue }
            for record in zone.critical {
                guard let truth = truthTable[record], !truth.rrsets.isEmpty || truth.nxdomain else { continue }
                let outcome = await client.query(record.name, record.type, at: target.address, recursionDesired: true)
                guard let message = outcome.message else {
                    findings.append(finding(.recCorrect, .critical, "\(record.name) \(record.type): no answer (\(outcome.summary))", zone: zone.name))
                    continue
                }
                let answer = ZoneProbe.dataAnswer(message, for: record)
                if let mismatch = judge(answer, against: truth, policy: record.policy) {
                    let authoritative = truth.rrsets.map { $0.map(Self.text).joined(separator: ", ") }.sorted()
                        + (truth.nxdomain ? ["NXDOMAIN"] : [])
                    findings.append(finding(.recCorrect, .critical,
                        "\(record.name) \(record.type): \(mismatch) (possible hijack or poisoning)", zone: zone.name,
                        evidence: ["resolver": answer.text, "authoritative": authoritative.joined(separator: " | "),
                                   "policy": record.policy.rawValue]))
                }
            }
        }
        if findings.isEmpty, zones.contains(where: { !$0.critical.isEmpty }) {
            findings.append(finding(.recCorrect, .ok, "every critical record matches the authorities"))
        }
        return findings
    }

    /// Nil when the resolver's answer is acceptable, else what is wrong with it.
    func judge(_ answer: ZoneProbe.DataAnswer, against truth: Truth, policy: CriticalRecord.Policy) -> String? {
        if answer.rcode == .nxDomain {
            return truth.nxdomain ? nil : "resolver says NXDOMAIN, the authorities serve data"
        }
        guard answer.rcode == .noError else { return "resolver answers \(answer.rcode)" }
        if truth.rrsets.isEmpty, truth.nxdomain {
            return answer.records.isEmpty ? nil : "authorities say NXDOMAIN, the resolver gives [\(answer.text)]"
        }
        switch policy {
        case .exact:
            return truth.rrsets.contains(answer.records) ? nil : "resolver gives [\(answer.text)], no authority serves that"
        case .subset:
            let union = truth.rrsets.reduce(into: Set<CanonicalRecordKey>()) { $0.formUnion($1) }
            return !answer.records.isEmpty && Set(answer.records).isSubset(of: union)
                ? nil : "resolver gives [\(answer.text)], not within what the authorities serve"
        case .any:
            return answer.records.isEmpty ? "empty answer" : nil
        }
    }

    static func text(_ key: CanonicalRecordKey) -> String {
        ZoneProbe.DataAnswer(rcode: .noError, records: [key]).text
    }

    private func nxdomainRewriting() async -> [Finding] {
        var findings: [Finding] = []
        for zone in zones {
            guard let servers = results[zone.name]?.servers, !servers.isEmpty else { continue }
            let label = String((0..<16).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
            guard let name = try? zone.name.prepending(label) else { continue }
            // A wildcard zone answers legitimately: only a name the authorities deny counts.
            var authoritativeNX = false
            for server in servers {
                if let message = await client.query(name, .a, at: server.address).message, message.flags.contains(.aa) {
                    authoritativeNX = message.rcode == .nxDomain
                    break
                }
            }
            guard authoritativeNX else { continue }
            for type in [RRType.a, .aaaa] {
                let outcome = await client.query(name, type, at: target.address, recursionDesired: true)
                guard let message = outcome.message else { continue }
                if message.rcode == .noError, !message.answer.isEmpty {
                    findings.append(finding(.recNXDomain, .critical,
                        "\(name) \(type): authorities say NXDOMAIN, the resolver answers \(message.answer.map { $0.description.split(separator: "\t").last.map(String.init) ?? "" }.joined(separator: ", ")) (NXDOMAIN redirection)",
                        zone: zone.name, evidence: ["question": "\(name) \(type)"]))
                    break
                }
            }
        }
        if findings.isEmpty {
            findings.append(finding(.recNXDomain, .ok, "NXDOMAIN passed through unchanged"))
        }
        return findings
    }

    private func validation() async -> [Finding] {
        guard target.validating else { return [] }
        var findings: [Finding] = []
        let signedZone = zones.first { zone in
            results[zone.name]?.findings.contains { $0.check == .authDNSSEC && $0.severity == .ok && $0.message.hasPrefix("chain of trust") } == true
        }
        if let zone = signedZone?.name {
            let outcome = await client.query(zone, .soa, at: target.address, recursionDesired: true, dnssec: true)
            if let message = outcome.message, message.rcode == .noError, message.flags.contains(.ad) {
                findings.append(finding(.recDNSSEC, .ok, "\(zone) SOA validated (AD set)", zone: zone))
            } else {
                findings.append(finding(.recDNSSEC, .critical,
                    "\(zone) SOA not validated: \(outcome.message.map { "rcode \($0.rcode), flags \($0.flags.names.joined(separator: " "))" } ?? outcome.summary)",
                    zone: zone))
            }
        }
        if let canary = target.dnssecCanary {
            let outcome = await client.query(canary, .soa, at: target.address, recursionDesired: true, dnssec: true)
            if let message = outcome.message, message.rcode == .servFail {
                findings.append(finding(.recDNSSEC, .ok, "broken-signature canary \(canary) refused (SERVFAIL)"))
            } else {
                findings.append(finding(.recDNSSEC, .critical,
                    "broken-signature canary \(canary) answered \(outcome.summary): the resolver does not validate"))
            }
        }
        return findings
    }
}
