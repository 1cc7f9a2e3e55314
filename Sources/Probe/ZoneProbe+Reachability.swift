import DNSCore
import Foundation
import Model

/// REACH-UDP, REACH-TCP, AUTHORITY, SERIAL and LATENCY: all judged from the one SOA query
/// per address and transport.
extension ZoneProbe {
    func judgeReachability(_ observations: [AddressObservation]) -> [Finding] {
        var findings: [Finding] = []
        let udpAnswered = observations.filter { $0.soaUDP.response != nil }
        let question = FindingValue.text("\(zone) SOA")
        for observation in observations {
            if case .failure(let text, let code) = observation.soaUDP {
                let severity: Severity = udpAnswered.isEmpty ? .critical : .warning
                findings.append(finding(.authReachUDP, severity, Self.reachReason(code, .udp),
                                        ["error": .text(text), "question": question],
                                        server: observation.server, transport: .udp))
            }
            // Reachable, but only by questions without EDNS: AUTH-EDNS names the fault; the
            // reachability findings say so and stay OK.
            if case .failure(let text, let code)? = observation.udpEDNSUnanswered {
                findings.append(finding(.authReachUDP, .ok, Self.reachReason(code, .udp),
                                        ["error": .text(text), "question": question, "answersWithoutEDNS": .flag(true)],
                                        server: observation.server, transport: .udp))
            }
            if let response = observation.soaUDP.response {
                findings += judgeUDPAnswer(response, observation)
            }
            switch observation.soaTCP {
            case .failure(let text, let code):
                let severity: Severity = observations.allSatisfy({ $0.soaTCP.response == nil }) && udpAnswered.isEmpty ? .critical : .warning
                findings.append(finding(.authReachTCP, severity, Self.reachReason(code, .tcp),
                                        ["error": .text(text), "question": question,
                                         "udpWorks": .flag(observation.soaUDP.response != nil)],
                                        server: observation.server, transport: .tcp))
            case .answer:
                if case .failure(let text, let code)? = observation.tcpEDNSUnanswered {
                    findings.append(finding(.authReachTCP, .ok, Self.reachReason(code, .tcp),
                                            ["error": .text(text), "question": question, "answersWithoutEDNS": .flag(true),
                                             "udpWorks": .flag(observation.soaUDP.response != nil)],
                                            server: observation.server, transport: .tcp))
                }
            }
        }
        if udpAnswered.count == observations.count {
            findings.append(finding(.authReachUDP, .ok, .udpOK, ["count": .integer(observations.count)]))
        }
        if observations.allSatisfy({ $0.soaTCP.response != nil }) {
            findings.append(finding(.authReachTCP, .ok, .tcpOK, ["count": .integer(observations.count)]))
        }

        let lame = observations.compactMap { observation -> (AddressObservation, Lameness)? in
            guard let message = observation.soaUDP.message else { return nil }
            if let lameness = lameness(message) { return (observation, lameness) }
            return nil
        }
        let authoritative = udpAnswered.count - lame.count
        for (observation, lameness) in lame {
            findings.append(finding(.authAuthority, authoritative == 0 ? .critical : .warning, lameness.reason,
                                    lameness.parameters, server: observation.server, transport: .udp))
        }
        if lame.isEmpty, !udpAnswered.isEmpty {
            findings.append(finding(.authAuthority, .ok, .authorityOK))
        }
        return findings
    }

    /// An answer over UDP that came, but not as it should: truncated although it fits, or
    /// after messages that did not match the question.
    func judgeUDPAnswer(_ response: DNSResponse, _ observation: AddressObservation) -> [Finding] {
        var findings: [Finding] = []
        // The buffer the question offered: 1232 with EDNS, 512 without (RFC 1035 §4.2.1).
        let offered = observation.udpEDNSUnanswered == nil ? 1232 : 512
        if response.truncatedFallback, response.size <= offered {
            findings.append(finding(.authReachUDP, .warning, .udpTruncated,
                                    ["size": .integer(response.size), "offered": .integer(offered),
                                     "question": .text("\(zone) SOA")],
                                    server: observation.server, transport: .udp))
        }
        if response.ignoredAnswers > 0 {
            findings.append(finding(.authReachUDP, .warning, .udpMismatchedAnswers,
                                    ["ignored": .integer(response.ignoredAnswers), "question": .text("\(zone) SOA")],
                                    server: observation.server, transport: .udp))
        }
        return findings
    }

    /// The reason for a transport failure's code (`TransportError.Code`).
    static func reachReason(_ code: String, _ transport: TransportProtocol) -> Reason {
        switch (code, transport) {
        case ("timeout", .udp): .udpTimeout
        case ("refused", .udp): .udpRefused
        case ("networkUnreachable", .udp): .udpUnreachable
        case (_, .udp): .udpFailed
        case ("timeout", _): .tcpTimeout
        case ("refused", _): .tcpRefused
        case ("reset", _): .tcpReset
        case ("networkUnreachable", _): .tcpUnreachable
        default: .tcpFailed
        }
    }

    struct Lameness {
        let reason: Reason
        let parameters: FindingParameters
    }

    /// Why an answer to `ZONE SOA` is not an authoritative answer for the apex, or nil.
    func lameness(_ message: Message) -> Lameness? {
        if message.rcode != .noError {
            let reason: Reason = message.rcode == .refused ? .lameRefused : message.rcode == .servFail ? .lameServfail : .lameRcode
            return Lameness(reason: reason, parameters: ["rcode": .text(message.rcode.description)])
        }
        if message.isReferral { return Lameness(reason: .lameReferral, parameters: [:]) }
        if !message.flags.contains(.aa) { return Lameness(reason: .lameNoAA, parameters: [:]) }
        if !message.answer.contains(where: { $0.type == .soa && $0.owner == zone }) {
            return Lameness(reason: .lameNoSOA, parameters: ["zone": .name(zone.description)])
        }
        return nil
    }

    func judgeSerials(_ observations: [AddressObservation]) -> (findings: [Finding], agree: Bool) {
        let serials = observations.compactMap { observation in observation.serial(of: zone).map { (observation, $0) } }
        guard let reference = serials.map(\.1).max(by: { $0.compare($1) == .less }) else { return ([], true) }
        let soa = serials.compactMap { $0.0.soaUDP.message?.answer.first { $0.type == .soa }?.soa }.first
        let tolerance = target.serialLagTolerance ?? .seconds(Int64(soa?.refresh ?? 3600))
        let expire = Duration.seconds(Int64(soa?.expire ?? 1_209_600))
        let lagging = serials.filter { $0.1 != reference }
        // Asked only when a server lags: a healthy zone costs history nothing.
        let history: SerialHistory?? = lagging.isEmpty ? nil : serialHistory.map { $0(zoneText, reference.rawValue) }

        var findings: [Finding] = []
        for (observation, serial) in lagging {
            var parameters: FindingParameters = ["serial": .serial(serial.rawValue), "reference": .serial(reference.rawValue)]
            if let distance = serial.distance(to: reference) { parameters["distance"] = .integer(Int(distance)) }
            if let age = SerialAge.seconds(serial, now: now) { parameters["serialAge"] = .seconds(age) }
            var severity: Severity = .warning
            var reason: Reason = .serialLagUnknownDuration
            switch history {
            case nil:
                // No history: nobody knows for how long.
                break
            case .some(nil):
                // History has never seen the newest serial: it is new to us, not new. An
                // unknown duration is not a zero one.
                parameters["firstSighting"] = .flag(true)
            case .some(let seen?):
                // The newest serial has existed at least since history first saw it; exactly
                // since then only if history watched it replace an older one.
                let lag = Duration.seconds(max(0, now.timeIntervalSince(seen.firstSeen)))
                parameters["referenceFirstSeen"] = .time(seen.firstSeen)
                if seen.sawItAppear || lag > tolerance {
                    severity = lag > expire ? .critical : lag > tolerance ? .warning : .ok
                    reason = .serialLag
                    parameters["lag"] = .seconds(lag.seconds)
                    parameters["tolerance"] = .seconds(tolerance.seconds)
                    parameters["expire"] = .seconds(expire.seconds)
                    if !seen.sawItAppear { parameters["lagIsLowerBound"] = .flag(true) }
                }
            }
            findings.append(finding(.authSerial, severity, reason, parameters, server: observation.server, transport: .udp))
        }
        if findings.isEmpty {
            findings.append(finding(.authSerial, .ok, .serialOK, ["serial": .serial(reference.rawValue), "count": .integer(serials.count)]))
        }
        return (findings, serials.allSatisfy { $0.1 == reference })
    }

    func judgeLatency(_ observations: [AddressObservation]) -> [Finding] {
        var findings: [Finding] = []
        for observation in observations {
            guard let rtt = observation.soaUDP.response?.rtt else { continue }
            let limits = configuration.thresholds
            let severity: Severity = rtt > limits.latencyCritical ? .critical : rtt > limits.latencyWarning ? .warning : .ok
            if severity != .ok {
                findings.append(finding(.authLatency, severity, .latencyHigh,
                    ["rtt": .seconds(rtt.seconds), "warning": .seconds(limits.latencyWarning.seconds),
                     "critical": .seconds(limits.latencyCritical.seconds)],
                    server: observation.server, transport: .udp))
            }
        }
        let rtts = observations.compactMap { $0.soaUDP.response?.rtt }
        if findings.isEmpty, let worst = rtts.max() {
            findings.append(finding(.authLatency, .ok, .latencyOK, ["rtt": .seconds(worst.seconds)]))
        }
        return findings
    }
}
