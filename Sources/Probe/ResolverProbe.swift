import DNSCore
import Foundation
import Model

/// The recursive checks of one resolver against the authoritative truth the zone checks
/// collected: reachability, correct answers, no NXDOMAIN rewriting, DNSSEC validation.
struct ResolverProbe: Sendable {
    let target: ResolverTarget
    let client: ProbeClient
    let now: Date

    /// What is about the resolver itself, asked at the start of the run: does it answer
    /// (about the first zone), and does it refuse the broken-signature canary.
    func resolverChecks(firstZone: DomainName?) async -> [Finding] {
        async let reach = reachability(firstZone ?? .root)
        async let canary = canaryCheck()
        return await reach + canary
    }

    /// One zone's checks, as soon as its authoritative answers are in: the resolver's
    /// answers for its critical records, and NXDOMAIN passed through. The questions
    /// `prefetch` asked when the zone's probe started are not asked again.
    func zoneChecks(_ result: ZoneResult, prefetched prefetch: ResolverPrefetch? = nil) async -> [Finding] {
        async let correct = correctness(result, prefetch)
        async let nxdomain = nxdomainRewriting(result, prefetch)
        return await correct + nxdomain
    }

    /// Asks the resolver a zone's questions as the zone's probe starts, before the
    /// authoritative truth they are judged against is in: a resolver resolving a zone
    /// with a dead server waits out its own timeouts to it, and those then pass while the
    /// probe waits out its own, instead of after them. The configured critical records, or
    /// the default set (a signed zone's DNSKEY is asked later, once the zone is known to be
    /// signed), and a random name for the NXDOMAIN check.
    func prefetch(_ zone: ZoneTarget) -> ResolverPrefetch {
        let records = zone.critical.isEmpty ? DefaultCritical.records(of: zone.name, signed: false) : zone.critical
        var answers: [CriticalRecord: Task<ProbeClient.Outcome, Never>] = [:]
        for record in records where answers[record] == nil {
            answers[record] = Task { [client, target] in
                await client.query(record.name, record.type, at: target.address, recursionDesired: true)
            }
        }
        var nx: ResolverPrefetch.Unknown?
        if let name = try? zone.name.prepending(Self.randomLabel()) {
            nx = ResolverPrefetch.Unknown(
                name: name,
                a: Task { [client, target] in await client.query(name, .a, at: target.address, recursionDesired: true) },
                aaaa: Task { [client, target] in await client.query(name, .aaaa, at: target.address, recursionDesired: true) })
        }
        return ResolverPrefetch(answers: answers, unknown: nx)
    }

    private static func randomLabel() -> String {
        String((0..<16).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }

    func finding(_ check: CheckID, _ severity: Severity, _ reason: Reason, _ parameters: FindingParameters = [:],
                 zone: DomainName? = nil, transport: TransportProtocol? = nil) -> Finding {
        Finding(check: check, severity: severity, reason: reason, parameters: parameters, zone: zone?.description,
                server: target.name, address: target.address.description, transport: transport, time: now)
    }

    private func reachability(_ name: DomainName) async -> [Finding] {
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

    private func correctness(_ result: ZoneResult, _ prefetch: ResolverPrefetch?) async -> [Finding] {
        let records = result.critical.filter { record in
            guard let truth = result.truth[record] else { return false }
            return !truth.rrsets.isEmpty || truth.nxdomain
        }
        guard !records.isEmpty else { return [] }
        let findings = await withTaskGroup(of: Finding?.self) { group in
            for record in records {
                group.addTask {
                    await judgeAnswer(for: record, truth: result.truth[record]!, zone: result.zone, dnssecBroken: result.dnssecBroken,
                                      prefetched: prefetch?.answers[record])
                }
            }
            var all: [Finding] = []
            for await finding in group { if let finding { all.append(finding) } }
            return all.sorted { ($0.parameters.text("name"), $0.parameters.text("type")) < ($1.parameters.text("name"), $1.parameters.text("type")) }
        }
        return findings.isEmpty ? [finding(.recCorrect, .ok, .resolverCorrect, ["count": .integer(records.count)], zone: result.zone)]
                                : findings
    }

    private func judgeAnswer(for record: CriticalRecord, truth: Truth, zone: DomainName, dnssecBroken: Bool,
                             prefetched: Task<ProbeClient.Outcome, Never>?) async -> Finding? {
        let outcome: ProbeClient.Outcome
        if let prefetched {
            outcome = await prefetched.value
        } else {
            outcome = await client.query(record.name, record.type, at: target.address, recursionDesired: true)
        }
        var parameters: FindingParameters = ["name": .name(record.name.description), "type": .text(record.type.description)]
        guard let message = outcome.message else {
            parameters["error"] = .text(outcome.summary)
            return finding(.recCorrect, .critical, .resolverNoAnswer, parameters, zone: zone)
        }
        let answer = ZoneProbe.dataAnswer(message, for: record)
        // A validating resolver must refuse a zone whose chain of trust is broken.
        if dnssecBroken, answer.rcode == .servFail { return nil }
        guard let mismatch = judge(answer, against: truth, policy: record.policy) else { return nil }
        parameters["resolver"] = .text(answer.text)
        parameters["rcode"] = .text(answer.rcode.description)
        parameters["authoritative"] = .list(truth.rrsets.map(Self.text).sorted()
            + (truth.nxdomain ? ["NXDOMAIN"] : []))
        parameters["policy"] = .text(record.policy.rawValue)
        return finding(.recCorrect, .critical, mismatch, parameters, zone: zone)
    }

    /// Nil when the resolver's answer is acceptable, else what is wrong with it.
    func judge(_ answer: ZoneProbe.DataAnswer, against truth: Truth, policy: CriticalRecord.Policy) -> Reason? {
        // A resolver may hold an older SOA for its TTL: the serial is AUTH-SERIAL's business.
        if answer.records.contains(where: { $0.type == .soa }) {
            let rrsets = Set(truth.rrsets.map { $0.map(Self.withoutSerial) })
            return compare(ZoneProbe.DataAnswer(rcode: answer.rcode, records: answer.records.map(Self.withoutSerial)),
                           against: Truth(rrsets: rrsets, nxdomain: truth.nxdomain), policy: policy)
        }
        return compare(answer, against: truth, policy: policy)
    }

    private func compare(_ answer: ZoneProbe.DataAnswer, against truth: Truth, policy: CriticalRecord.Policy) -> Reason? {
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

    /// An RRset as evidence: its records, or NODATA for none.
    static func text(_ rrset: [CanonicalRecordKey]) -> String {
        rrset.isEmpty ? "NODATA" : rrset.map(text).joined(separator: ", ")
    }

    /// An SOA with its serial zeroed (the serial is the 4 bytes before the last 16).
    static func withoutSerial(_ key: CanonicalRecordKey) -> CanonicalRecordKey {
        guard key.type == .soa, key.rdata.count >= 20 else { return key }
        var rdata = key.rdata
        let at = rdata.count - 20
        rdata.replaceSubrange(at..<at + 4, with: [0, 0, 0, 0])
        return CanonicalRecordKey(owner: key.owner, type: key.type, rrClass: key.rrClass, rdata: rdata)
    }

    private func nxdomainRewriting(_ result: ZoneResult, _ prefetch: ResolverPrefetch?) async -> [Finding] {
        guard !result.authoritative.isEmpty,
              let name = prefetch?.unknown?.name ?? (try? result.zone.prepending(Self.randomLabel())) else { return [] }
        // A wildcard zone answers legitimately: only a name the authorities deny counts.
        // Asked of the addresses that answered authoritatively, one after the other.
        var authoritativeNX = false
        for address in result.authoritative {
            if let message = await client.query(name, .a, at: address).message, message.flags.contains(.aa) {
                authoritativeNX = message.rcode == .nxDomain
                break
            }
        }
        guard authoritativeNX else { return [] }
        let asked: [(RRType, ProbeClient.Outcome)]
        if let unknown = prefetch?.unknown {
            asked = [(.a, await unknown.a.value), (.aaaa, await unknown.aaaa.value)]
        } else {
            async let four = client.query(name, .a, at: target.address, recursionDesired: true)
            async let six = client.query(name, .aaaa, at: target.address, recursionDesired: true)
            asked = [(.a, await four), (.aaaa, await six)]
        }
        for (type, outcome) in asked {
            guard let message = outcome.message else { continue }
            if message.rcode == .noError, !message.answer.isEmpty {
                return [finding(.recNXDomain, .critical, .nxdomainRedirect,
                    ["name": .name(name.description), "type": .text(type.description),
                     "answer": .list(message.answer.map { $0.description.split(separator: "\t").last.map(String.init) ?? "" }),
                     "question": .text("\(name) \(type)")],
                    zone: result.zone)]
            }
        }
        return [finding(.recNXDomain, .ok, .nxdomainOK, ["name": .name(name.description)], zone: result.zone)]
    }

    /// AD on a signed zone whose chain validated at the authorities.
    func validation(of zone: DomainName) async -> [Finding] {
        let outcome = await client.query(zone, .soa, at: target.address, recursionDesired: true, dnssec: true)
        if let message = outcome.message, message.rcode == .noError, message.flags.contains(.ad) {
            return [finding(.recDNSSEC, .ok, .validatingOK, ["name": .name(zone.description)], zone: zone)]
        }
        return [finding(.recDNSSEC, .critical, .notValidating,
            ["name": .name(zone.description),
             "detail": .text(outcome.message.map { "rcode \($0.rcode), flags \($0.flags.names.joined(separator: " "))" } ?? outcome.summary)],
            zone: zone)]
    }

    private func canaryCheck() async -> [Finding] {
        guard target.validating, let canary = target.dnssecCanary else { return [] }
        let outcome = await client.query(canary, .soa, at: target.address, recursionDesired: true, dnssec: true)
        if let message = outcome.message, message.rcode == .servFail {
            return [finding(.recDNSSEC, .ok, .canaryRefused, ["canary": .name(canary.description)])]
        }
        return [finding(.recDNSSEC, .critical, .canaryAccepted,
                        ["canary": .name(canary.description), "answer": .text(outcome.summary)])]
    }
}
