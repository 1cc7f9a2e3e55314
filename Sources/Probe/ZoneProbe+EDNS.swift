import DNSCore
import Model

enum EDNSJudge {
    /// An option code from the unassigned range, and a flag bit no RFC has defined: a
    /// conforming server ignores both (RFC 6891 §6.1.2, §6.1.4; RFC 8906 §8.2).
    static let unknownOptionCode: UInt16 = 65001
    static let unknownFlag: UInt16 = 0x0040
}

/// AUTH-EDNS: EDNS0 handled as RFC 6891 says and RFC 8906 tests.
extension ZoneProbe {
    func judgeEDNS(_ observations: [AddressObservation], signed: Bool) -> [Finding] {
        var findings: [Finding] = []
        for observation in observations {
            // A server that does not answer at all is REACH's business, not EDNS's.
            guard observation.soaUDP.response != nil || observation.edns.values.contains(where: { $0.response != nil }) else { continue }
            // A lame server refuses every question about the zone; AUTHORITY says so already.
            if let message = observation.soaUDP.message, lameness(message) != nil { continue }
            var problems: [String] = []
            var dropsEDNS = false
            if observation.dropsEDNS {
                // Every EDNS question went unanswered, and the same without EDNS was
                // answered (RFC 6891 §7): one fault, not one per probe.
                findings.append(finding(.authEDNS, signed ? .critical : .warning, .ednsDropped,
                    ["problems": .list(["drops-edns"]), "signed": .flag(signed),
                     "transports": .list([observation.udpEDNSUnanswered.map { _ in "UDP" }, observation.tcpEDNSUnanswered.map { _ in "TCP" }]
                        .compactMap { $0 })],
                    server: observation.server, transport: observation.udpEDNSUnanswered != nil ? .udp : .tcp))
                continue
            }
            if let message = observation.soaUDP.message, message.edns == nil {
                problems.append("no-opt")
            }
            if observation.soaUDP.response == nil { dropsEDNS = true }
            for probe in EDNSProbe.allCases {
                guard let outcome = observation.edns[probe] else { continue }
                guard let message = outcome.message else {
                    problems.append("no-answer:\(probe.rawValue): \(outcome.summary)")
                    dropsEDNS = true
                    continue
                }
                switch probe {
                case .version1:
                    if message.rcode != .badVers { problems.append("version1-rcode:\(message.rcode)") }
                    if message.edns?.version != 0 { problems.append("version1-version") }
                case .unknownOption:
                    if message.edns?.options.contains(where: { $0.code == EDNSJudge.unknownOptionCode }) == true {
                        problems.append("option-echoed")
                    }
                    if message.rcode != .noError { problems.append("option-rcode:\(message.rcode)") }
                case .unknownFlag:
                    if let flags = message.edns?.unknownFlags, flags != 0 { problems.append("flag-kept") }
                    if message.rcode != .noError { problems.append("flag-rcode:\(message.rcode)") }
                case .dnssecOK:
                    if message.edns?.dnssecOK != true { problems.append("do-not-echoed") }
                }
            }
            guard !problems.isEmpty else { continue }
            let severity: Severity = signed && dropsEDNS ? .critical : .warning
            findings.append(finding(.authEDNS, severity, dropsEDNS ? .ednsDropped : .ednsNoncompliant,
                                    ["problems": .list(problems), "signed": .flag(signed)],
                                    server: observation.server, transport: .udp))
        }
        if findings.isEmpty {
            findings.append(finding(.authEDNS, .ok, .ednsOK))
        }
        return findings
    }
}
