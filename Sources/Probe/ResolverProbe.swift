import DNSCore
import Foundation
import Model

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

    func finding(_ check: CheckID, _ severity: Severity, _ reason: Reason, _ parameters: FindingParameters = [:],
                 zone: DomainName? = nil, transport: TransportProtocol? = nil) -> Finding {
        Finding(check: check, severity: severity, reason: reason, parameters: parameters, zone: zone?.description,
                server: target.name, address: target.address.description, transport: transport, time: now)
    }

    private func reachability() async -> [Finding] {
        let name = zones.first?.name ?? .root
        async let udp = client.query(name, .soa, at: target.address, recursionDesired: true)
        async let tcp = client.query(name, .soa, at: target.address, transport: .tcp, recursionDesired: true)
        let (overUDP, overTCP) = await (udp, tcp)
        var findings: [Finding] = []
        func problem(_ outcome: ProbeClient.Outcome, _ transport: TransportProtocol) -> (Reason, FindingParameters)? {
            var parameters: FindingParameters = ["name": .name(name.description), "transport": .text(transport.description)]
            guard let message = outcome.message else {
                parameters["error"] = .text(outcome.summary)
                return (.resolverUnreachable, parameters)
            }
            if !message.flags.contains(.ra) { return (.resolverNoRecursion, parameters) }
            if message.rcode != .noError {
                parameters["rcode"] = .text(message.rcode.description)
                return (.resolverRcode, parameters)
            }
            return nil
        }
        let udpProblem = problem(overUDP, .udp)
        let tcpProblem = problem(overTCP, .tcp)
        if let (reason, parameters) = udpProblem {
            findings.append(finding(.recReach, tcpProblem == nil ? .warning : .critical, reason, parameters, transport: .udp))
        }
        if let (reason, parameters) = tcpProblem {
            findings.append(finding(.recReach, udpProblem == nil ? .warning : .critical, reason, parameters, transport: .tcp))
        }
        if findings.isEmpty {
            findings.append(finding(.recReach, .ok, .resolverOK, overUDP.response.map { ["rtt": .seconds($0.rtt.seconds)] } ?? [:]))
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
                var parameters: FindingParameters = ["name": .name(record.name.description), "type": .text(record.type.description)]
                guard let message = outcome.message else {
                    parameters["error"] = .text(outcome.summary)
                    findings.append(finding(.recCorrect, .critical, .resolverNoAnswer, parameters, zone: zone.name))
                    continue
                }
                let answer = ZoneProbe.dataAnswer(message, for: record)
                if let mismatch = judge(answer, against: truth, policy: record.policy) {
                    parameters["resolver"] = .text(answer.text)
                    parameters["rcode"] = .text(answer.rcode.description)
                    parameters["authoritative"] = .list(truth.rrsets.map { $0.map(Self.text).joined(separator: ", ") }.sorted()
                        + (truth.nxdomain ? ["NXDOMAIN"] : []))
                    parameters["policy"] = .text(record.policy.rawValue)
                    findings.append(finding(.recCorrect, .critical, mismatch, parameters, zone: zone.name))
                }
            }
        }
        if findings.isEmpty, zones.contains(where: { !$0.critical.isEmpty }) {
            findings.append(finding(.recCorrect, .ok, .resolverCorrect))
        }
        return findings
    }

    /// Nil when the resolver's answer is acceptable, else what is wrong with it.
    func judge(_ answer: ZoneProbe.DataAnswer, against truth: Truth, policy: CriticalRecord.Policy) -> Reason? {
        if answer.rcode == .nxDomain {
            return truth.nxdomain ? nil : .resolverFalseNXDomain
        }
        guard answer.rcode == .noError else { return .resolverAnswerRcode }
        if truth.rrsets.isEmpty, truth.nxdomain {
            return answer.records.isEmpty ? nil : .resolverDataForNXDomain
        }
        switch policy {
        case .exact:
            if truth.rrsets.contains(answer.records) { return nil }
            return answer.records.isEmpty ? .resolverNodata : .hijack
        case .subset:
            let union = truth.rrsets.reduce(into: Set<CanonicalRecordKey>()) { $0.formUnion($1) }
            if !answer.records.isEmpty && Set(answer.records).isSubset(of: union) { return nil }
            return answer.records.isEmpty ? .resolverNodata : .resolverNotSubset
        case .any:
            return answer.records.isEmpty ? .resolverEmpty : nil
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
                    findings.append(finding(.recNXDomain, .critical, .nxdomainRedirect,
                        ["name": .name(name.description), "type": .text(type.description),
                         "answer": .list(message.answer.map { $0.description.split(separator: "\t").last.map(String.init) ?? "" }),
                         "question": .text("\(name) \(type)")],
                        zone: zone.name))
                    break
                }
            }
        }
        if findings.isEmpty {
            findings.append(finding(.recNXDomain, .ok, .nxdomainOK))
        }
        return findings
    }

    private func validation() async -> [Finding] {
        guard target.validating else { return [] }
        var findings: [Finding] = []
        let signedZone = zones.first { zone in
            results[zone.name]?.findings.contains { $0.check == .authDNSSEC && $0.reason == .dnssecOK } == true
        }
        if let zone = signedZone?.name {
            let outcome = await client.query(zone, .soa, at: target.address, recursionDesired: true, dnssec: true)
            if let message = outcome.message, message.rcode == .noError, message.flags.contains(.ad) {
                findings.append(finding(.recDNSSEC, .ok, .validatingOK, ["name": .name(zone.description)], zone: zone))
            } else {
                findings.append(finding(.recDNSSEC, .critical, .notValidating,
                    ["name": .name(zone.description),
                     "detail": .text(outcome.message.map { "rcode \($0.rcode), flags \($0.flags.names.joined(separator: " "))" } ?? outcome.summary)],
                    zone: zone))
            }
        }
        if let canary = target.dnssecCanary {
            let outcome = await client.query(canary, .soa, at: target.address, recursionDesired: true, dnssec: true)
            if let message = outcome.message, message.rcode == .servFail {
                findings.append(finding(.recDNSSEC, .ok, .canaryRefused, ["canary": .name(canary.description)]))
            } else {
                findings.append(finding(.recDNSSEC, .critical, .canaryAccepted,
                                        ["canary": .name(canary.description), "answer": .text(outcome.summary)]))
            }
        }
        return findings
    }
}
