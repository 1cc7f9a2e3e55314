import DNSCore
import Foundation
import Model

/// All authoritative checks of one zone. Questions to every address go out at once; the
/// judging afterwards is plain arithmetic over what came back.
struct ZoneProbe: Sendable {
    let target: ZoneTarget
    let configuration: ProbeConfiguration
    let client: ProbeClient
    let walker: DelegationWalker
    let serialFirstSeen: (@Sendable (String, UInt32) -> Date?)?
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

        let parentViews = await askParents(delegation)
        let childNS = await childNameServers(delegation)
        let servers = await serverSet(delegation: delegation, childNS: childNS.names)
        result.servers = servers
        result.findings += judgeDelegation(delegation, parentViews: parentViews, childNS: childNS, servers: servers)

        guard !servers.isEmpty else {
            result.findings.append(finding(.authReachUDP, .critical, .noAddress))
            return result
        }
        let signed = !delegation.ds.isEmpty
        let observations = await observe(servers, signed: signed)

        result.findings += judgeReachability(observations)
        let serials = judgeSerials(observations)
        result.findings += serials.findings
        result.findings += judgeLatency(observations)
        let data = judgeData(observations, serialsAgree: serials.agree)
        result.findings += data.findings
        result.truth = data.truth
        result.findings += judgeDiversity(servers)
        result.findings += judgeEDNS(observations, signed: signed)
        let dnssec = judgeDNSSEC(observations, delegation: delegation)
        result.findings += dnssec.findings
        result.dnssecExpiry = dnssec.earliestExpiry
        result.findings += judgeAXFR(observations)
        result.measurements = measurements(observations)
        return result
    }

    /// Asks every address everything at once (under the gate).
    func observe(_ servers: [ProbedServer], signed: Bool) async -> [AddressObservation] {
        await withTaskGroup(of: AddressObservation.self) { group in
            for server in servers {
                group.addTask { await observe(server, signed: signed) }
            }
            var all: [AddressObservation] = []
            for await observation in group { all.append(observation) }
            return all.sorted { ($0.server.name, $0.server.address.description) < ($1.server.name, $1.server.address.description) }
        }
    }

    private func observe(_ server: ProbedServer, signed: Bool) async -> AddressObservation {
        let address = server.address
        async let udp = client.query(zone, .soa, at: address)
        async let tcp = client.query(zone, .soa, at: address, transport: .tcp)
        async let edns = ednsProbes(address)
        async let data = criticalData(address)
        async let dnskey: ProbeClient.Outcome? = signed ? client.query(zone, .dnskey, at: address, dnssec: true) : nil
        async let soaSigned: ProbeClient.Outcome? = signed ? client.query(zone, .soa, at: address, dnssec: true) : nil
        async let axfr = transferProbe(address)
        var observation = AddressObservation(server: server, soaUDP: await udp, soaTCP: await tcp)
        observation.edns = await edns
        observation.data = await data
        observation.dnskey = await dnskey
        observation.soaSigned = await soaSigned
        observation.axfr = await axfr
        return observation
    }

    private func ednsProbes(_ address: ServerAddress) async -> [EDNSProbe: ProbeClient.Outcome] {
        async let version = client.query(zone, .soa, at: address, edns: EDNS(udpPayloadSize: 1232, version: 1))
        async let option = client.query(zone, .soa, at: address,
                                        edns: EDNS(udpPayloadSize: 1232, options: [EDNSOption(code: EDNSJudge.unknownOptionCode, data: [1, 2])]))
        async let flag = client.query(zone, .soa, at: address, edns: EDNS(udpPayloadSize: 1232, unknownFlags: EDNSJudge.unknownFlag))
        async let dnssecOK = client.query(zone, .soa, at: address, edns: EDNS(udpPayloadSize: 1232, dnssecOK: true))
        return [.version1: await version, .unknownOption: await option, .unknownFlag: await flag, .dnssecOK: await dnssecOK]
    }

    private func criticalData(_ address: ServerAddress) async -> [CriticalRecord: ProbeClient.Outcome] {
        await withTaskGroup(of: (CriticalRecord, ProbeClient.Outcome).self) { group in
            for record in target.critical {
                group.addTask { (record, await client.query(record.name, record.type, at: address)) }
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
    /// Per critical record: every distinct RRset (canonical) the authorities serve, and
    /// whether any said NXDOMAIN.
    var truth: [CriticalRecord: Truth] = [:]
    var dnssecExpiry: Date?
}

struct Truth: Sendable {
    var rrsets: Set<[CanonicalRecordKey]>
    var nxdomain: Bool
}
