import DNSCore
import Foundation
import Model

/// All authoritative checks of one zone. Every question to every address goes out as soon
/// as the address is known, so a dead address costs the zone one timeout budget, not one
/// per stage; the judging afterwards is plain arithmetic over what came back.
struct ZoneProbe: Sendable {
    let target: ZoneTarget
    let configuration: ProbeConfiguration
    let client: ProbeClient
    let walker: DelegationWalker
    let serialHistory: (@Sendable (String, UInt32) -> SerialHistory?)?
    let now: Date

    var zone: DomainName { target.name }
    var zoneText: String { target.name.description }

    func run() async -> ZoneResult {
        var result = ZoneResult(zone: zone)
        let delegation: Delegation
        do {
            delegation = try await walker.delegation(of: zone)
        } catch let error as DNSCoreError {
            result.findings.append(error.code == .notDelegated
                ? finding(.authDelegation, .critical, .notDelegated, ["detail": .text(error.reason)])
                : finding(.authDelegation, .critical, .delegationUnresolved, ["error": .text(error.reason)]))
            return result
        } catch {
            result.findings.append(finding(.authDelegation, .critical, .delegationUnresolved, ["error": .text("\(error)")]))
            return result
        }

        let signed = !delegation.ds.isEmpty
        let critical = target.critical.isEmpty ? DefaultCritical.records(of: zone, signed: signed) : target.critical
        let found = await discover(delegation, signed: signed, critical: critical)
        let servers = found.servers
        result.servers = servers
        result.findings += judgeDelegation(delegation, parentViews: found.parentViews, childNS: found.childNS, servers: servers)

        guard !servers.isEmpty else {
            result.findings.append(finding(.authReachUDP, .critical, .noAddress))
            return result
        }
        let observations = found.observations

        result.findings += judgeReachability(observations)
        let serials = judgeSerials(observations)
        result.findings += serials.findings
        result.findings += judgeLatency(observations)
        let data = judgeData(observations, critical: critical, defaulted: target.critical.isEmpty, serialsAgree: serials.agree)
        result.findings += data.findings
        result.truth = data.truth
        result.critical = data.checked
        result.findings += judgeDiversity(servers)
        result.findings += judgeEDNS(observations, signed: signed)
        let dnssec = judgeDNSSEC(observations, delegation: delegation)
        result.findings += dnssec.findings
        result.dnssecExpiry = dnssec.earliestExpiry
        result.dnssecBroken = dnssec.findings.contains { $0.severity == .critical }
        result.findings += judgeAXFR(observations)
        result.measurements = measurements(observations)
        var seen = Set<ServerAddress>()
        result.authoritative = observations.filter { observation in
            guard let message = observation.soaUDP.message, lameness(message) == nil else { return false }
            return seen.insert(observation.server.address).inserted
        }.map(\.server.address)
        return result
    }

    /// Everything the checks ask one address, in two waves: the SOA over UDP and TCP (each
    /// falling back to a question without EDNS) and the AXFR at once; then, once the
    /// address has answered over UDP, the critical data and the DNSSEC records, and, once
    /// it has answered authoritatively with EDNS, the EDNS probes (once per address and
    /// run: `EDNSProbeMemo`). A dead address is asked nothing more after the first wave.
    ///
    /// The SOA over UDP asks with DO=1: its answer is also the EDNS probe of the DO bit
    /// (echoed?) and, for a signed zone, the signed SOA the DNSSEC check verifies.
    func observe(_ address: ServerAddress, signed: Bool, critical: [CriticalRecord]) async -> AddressObservation {
        async let udp = client.queryFallingBackToPlain(zone, .soa, at: address, transport: .udp, dnssec: true)
        async let tcp = client.queryFallingBackToPlain(zone, .soa, at: address, transport: .tcp)
        async let axfr = transferProbe(address)

        let overUDP = await udp
        var observation = AddressObservation(server: ProbedServer(name: zone, address: address),
                                             soaUDP: overUDP.edns, soaTCP: .failure("not asked", code: "error"))
        if overUDP.edns.response == nil, let plain = overUDP.plain, plain.response != nil {
            observation.soaUDP = plain
            observation.udpEDNSUnanswered = overUDP.edns
        }
        if observation.soaUDP.response != nil {
            // Without EDNS where only that is answered: the data still compares, and DNSSEC
            // records cannot come without EDNS at all.
            let plainOnly = observation.udpEDNSUnanswered != nil
            async let data = criticalData(address, critical, plain: plainOnly)
            async let dnskey: ProbeClient.Outcome? = signed && !plainOnly ? client.query(zone, .dnskey, at: address, dnssec: true) : nil
            // Asked of a zone the address serves: a lame answer's REFUSED would read as the
            // server rejecting the unknown option or flag.
            let askEDNS = !plainOnly && observation.soaUDP.message.map { lameness($0) == nil } == true
            async let edns: EDNSProbeMemo.Probes = askEDNS ? client.ednsMemo.probes(of: address) { [self] in await ednsProbes(address) } : [:]
            observation.data = await data
            observation.dnskey = await dnskey
            observation.edns = await edns
            if signed && !plainOnly { observation.soaSigned = overUDP.edns }
        }
        let overTCP = await tcp
        observation.soaTCP = overTCP.edns
        if overTCP.edns.response == nil, let plain = overTCP.plain, plain.response != nil {
            observation.soaTCP = plain
            observation.tcpEDNSUnanswered = overTCP.edns
        }
        observation.edns[.dnssecOK] = overUDP.edns
        observation.axfr = await axfr
        return observation
    }

    private func ednsProbes(_ address: ServerAddress) async -> [EDNSProbe: ProbeClient.Outcome] {
        async let version = client.query(zone, .soa, at: address, edns: EDNS(udpPayloadSize: 1232, version: 1))
        async let option = client.query(zone, .soa, at: address,
                                        edns: EDNS(udpPayloadSize: 1232, options: [EDNSOption(code: EDNSJudge.unknownOptionCode, data: [1, 2])]))
        async let flag = client.query(zone, .soa, at: address, edns: EDNS(udpPayloadSize: 1232, unknownFlags: EDNSJudge.unknownFlag))
        return [.version1: await version, .unknownOption: await option, .unknownFlag: await flag]
    }

    private func criticalData(_ address: ServerAddress, _ critical: [CriticalRecord], plain: Bool) async
        -> [CriticalRecord: ProbeClient.Outcome] {
        await withTaskGroup(of: (CriticalRecord, ProbeClient.Outcome).self) { group in
            for record in critical {
                group.addTask {
                    (record, plain ? await client.plainQuery(record.name, record.type, at: address)
                                   : await client.query(record.name, record.type, at: address))
                }
            }
            var answers: [CriticalRecord: ProbeClient.Outcome] = [:]
            for await (record, outcome) in group { answers[record] = outcome }
            return answers
        }
    }

    /// An AXFR query over TCP through the shared transport: its first message is all the
    /// check needs (the transport reads one message and closes), so no thread and no
    /// transfer of the whole zone.
    private func transferProbe(_ address: ServerAddress) async -> AXFROutcome {
        let outcome = await client.send(Message.query(zone, .axfr, edns: nil), to: address, transport: .tcp)
        switch outcome {
        case .answer(let response):
            let message = response.message
            if message.rcode == .noError, let first = message.answer.first, first.type == .soa, first.owner == zone {
                return .open(records: message.answer.count)
            }
            if message.rcode == .refused || message.rcode == .notAuth || message.rcode == .noError {
                return .refused("server answered \(message.rcode)" + (message.answer.isEmpty ? " without records" : ""))
            }
            return .unavailable("server answered \(message.rcode)")
        case .failure(let text, let code):
            // A server that closes the connection instead of answering refuses too.
            return code == TransportError.Code.reset.description ? .refused("connection closed: \(text)") : .unavailable(text)
        }
    }

    func measurements(_ observations: [AddressObservation]) -> [Model.Measurement] {
        observations.flatMap { observation -> [Model.Measurement] in
            [(TransportProtocol.udp, observation.soaUDP), (.tcp, observation.soaTCP)].map { transport, outcome in
                Model.Measurement(
                    zone: zoneText, server: observation.server.name.description,
                    address: observation.server.address.description, transport: transport,
                    rtt: outcome.response?.rtt.seconds,
                    serial: transport == .udp ? observation.serial(of: zone)?.rawValue : nil)
            }
        }
    }

    func finding(_ check: CheckID, _ severity: Severity, _ reason: Reason, _ parameters: FindingParameters = [:],
                 server: ProbedServer? = nil, transport: TransportProtocol? = nil) -> Finding {
        Finding(check: check, severity: severity, reason: reason, parameters: parameters, zone: zoneText,
                server: server?.name.description, address: server?.address.description, transport: transport, time: now)
    }
}

/// What the authoritative checks of one zone leave for the run and the resolver checks.
struct ZoneResult: Sendable {
    let zone: DomainName
    var findings: [Finding] = []
    var measurements: [Model.Measurement] = []
    var servers: [ProbedServer] = []
    /// Addresses that answered the SOA authoritatively, in server order.
    var authoritative: [ServerAddress] = []
    /// The critical records the resolvers are held to (the configured ones, or the
    /// default set without the names every authority denies).
    var critical: [CriticalRecord] = []
    /// Per critical record: every distinct RRset (canonical) the authorities serve, and
    /// whether any said NXDOMAIN.
    var truth: [CriticalRecord: Truth] = [:]
    var dnssecExpiry: Date?
    /// The chain of trust is broken (expired, bogus): validating resolvers answer SERVFAIL.
    var dnssecBroken = false
}

struct Truth: Sendable {
    var rrsets: Set<[CanonicalRecordKey]>
    var nxdomain: Bool
}
