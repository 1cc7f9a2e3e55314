import DNSCore
import Foundation

/// REACH-UDP, REACH-TCP, AUTHORITY, SERIAL and LATENCY: all judged from the one SOA query
/// per address and transport.
extension ZoneProbe {
    func judgeReachability(_ observations: [AddressObservation]) -> [Finding] {
        var findings: [Finding] = []
        let udpAnswered = observations.filter { $0.soaUDP.response != nil }
        for observation in observations {
            if case .failure(let text, _) = observation.soaUDP {
                let severity: Severity = udpAnswered.isEmpty ? .critical : .warning
                findings.append(finding(.authReachUDP, severity, "no answer over UDP: \(text)",
                                        server: observation.server, transport: .udp, evidence: ["question": "\(zone) SOA"]))
            }
            switch observation.soaTCP {
            case .failure(let text, _):
                let severity: Severity = observations.allSatisfy({ $0.soaTCP.response == nil }) && udpAnswered.isEmpty ? .critical : .warning
                findings.append(finding(.authReachTCP, severity,
                    observation.soaUDP.response != nil ? "TCP fails where UDP works (RFC 7766): \(text)" : "no answer over TCP: \(text)",
                    server: observation.server, transport: .tcp, evidence: ["question": "\(zone) SOA"]))
            case .answer:
                break
            }
        }
        if udpAnswered.count == observations.count {
            findings.append(finding(.authReachUDP, .ok, "all \(observations.count) addresses answer over UDP"))
        }
        if observations.allSatisfy({ $0.soaTCP.response != nil }) {
            findings.append(finding(.authReachTCP, .ok, "all \(observations.count) addresses answer over TCP"))
        }

        let lame = observations.compactMap { observation -> (AddressObservation, String)? in
            guard let message = observation.soaUDP.message else { return nil }
            if let reason = lameness(message) { return (observation, reason) }
            return nil
        }
        let authoritative = udpAnswered.count - lame.count
        for (observation, reason) in lame {
            findings.append(finding(.authAuthority, authoritative == 0 ? .critical : .warning, "lame: \(reason)",
                                    server: observation.server, transport: .udp))
        }
        if lame.isEmpty, !udpAnswered.isEmpty {
            findings.append(finding(.authAuthority, .ok, "all answering addresses are authoritative"))
        }
        return findings
    }

    /// Why an answer to `ZONE SOA` is not an authoritative answer for the apex, or nil.
    func lameness(_ message: Message) -> String? {
        if message.rcode != .noError { return "answers \(message.rcode)" }
        if message.isReferral { return "answers with a referral instead of the zone" }
        if !message.flags.contains(.aa) { return "answer without the AA flag" }
        if !message.answer.contains(where: { $0.type == .soa && $0.owner == zone }) { return "no SOA for \(zone) in the answer" }
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
            let distance = serial.distance(to: reference).map(String.init) ?? "incomparable"
            var evidence = ["serial": serial.description, "reference": reference.description]
            let severity: Severity
            let duration: String
            if let lag, let since {
                severity = lag > expire ? .critical : lag > tolerance ? .warning : .ok
                duration = "lagging for \(Int(lag.seconds / 60)) min (tolerance \(Int(tolerance.seconds / 60)) min, expire \(Int(expire.seconds / 60)) min)"
                evidence["referenceFirstSeen"] = ISO8601DateFormatter().string(from: since)
            } else {
                severity = .warning
                duration = "for an unknown time (no history)"
            }
            findings.append(finding(.authSerial, severity, "serial \(serial) is \(distance) behind \(reference), \(duration)",
                                    server: observation.server, transport: .udp, evidence: evidence))
        }
        if findings.isEmpty {
            findings.append(finding(.authSerial, .ok, "serial \(reference) on all \(serials.count) authoritative addresses"))
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
                findings.append(finding(.authLatency, severity,
                    "SOA round trip \(ZoneProbe.milliseconds(rtt)) (warning > \(ZoneProbe.milliseconds(limits.latencyWarning)), critical > \(ZoneProbe.milliseconds(limits.latencyCritical)))",
                    server: observation.server, transport: .udp))
            }
        }
        let rtts = observations.compactMap { $0.soaUDP.response?.rtt }
        if findings.isEmpty, let worst = rtts.max() {
            findings.append(finding(.authLatency, .ok, "slowest SOA round trip \(ZoneProbe.milliseconds(worst))"))
        }
        return findings
    }
}
