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
            switch observation.soaTCP {
            case .failure(let text, let code):
                let severity: Severity = observations.allSatisfy({ $0.soaTCP.response == nil }) && udpAnswered.isEmpty ? .critical : .warning
                findings.append(finding(.authReachTCP, severity, Self.reachReason(code, .tcp),
                                        ["error": .text(text), "question": question,
                                         "udpWorks": .flag(observation.soaUDP.response != nil)],
                                        server: observation.server, transport: .tcp))
            case .answer:
                break
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
        // The newest serial has existed since history first saw it (now, if history has
        // not seen it before). Without history nobody knows for how long: a lag is reported.
        let since: Date? = serialFirstSeen.map { $0(zoneText, reference.rawValue) ?? now }
        let lag = since.map { Duration.seconds(max(0, now.timeIntervalSince($0))) }

        var findings: [Finding] = []
        for (observation, serial) in serials where serial != reference {
            var parameters: FindingParameters = ["serial": .serial(serial.rawValue), "reference": .serial(reference.rawValue)]
            if let distance = serial.distance(to: reference) { parameters["distance"] = .integer(Int(distance)) }
            let severity: Severity
            let reason: Reason
            if let lag, let since {
                severity = lag > expire ? .critical : lag > tolerance ? .warning : .ok
                reason = .serialLag
                parameters["lag"] = .seconds(lag.seconds)
                parameters["tolerance"] = .seconds(tolerance.seconds)
                parameters["expire"] = .seconds(expire.seconds)
                parameters["referenceFirstSeen"] = .time(since)
            } else {
                severity = .warning
                reason = .serialLagUnknownDuration
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
