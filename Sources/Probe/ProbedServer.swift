import DNSCore

/// One address of one name server of the zone: every check runs per address, so one
/// dead address is attributed to exactly one server.
struct ProbedServer: Hashable, Sendable {
    let name: DomainName
    let address: ServerAddress
}

/// What one address answered to the probe's questions about one zone.
struct AddressObservation: Sendable {
    var server: ProbedServer
    /// The SOA over UDP and over TCP as the checks judge it: the EDNS answer, or the
    /// answer without EDNS when only that came (then `udpEDNSUnanswered` is set).
    var soaUDP: ProbeClient.Outcome
    var soaTCP: ProbeClient.Outcome
    /// How the EDNS question failed, when the same question without EDNS was answered.
    var udpEDNSUnanswered: ProbeClient.Outcome?
    var tcpEDNSUnanswered: ProbeClient.Outcome?

    /// Answers only queries without EDNS (RFC 6891 §7).
    var dropsEDNS: Bool { udpEDNSUnanswered != nil || tcpEDNSUnanswered != nil }
    var edns: [EDNSProbe: ProbeClient.Outcome] = [:]
    /// Critical names and types, RD=0 (without EDNS where the address drops EDNS).
    var data: [CriticalRecord: ProbeClient.Outcome] = [:]
    var dnskey: ProbeClient.Outcome?
    var soaSigned: ProbeClient.Outcome?
    var axfr: AXFROutcome?

    /// The SOA serial when this address answered authoritatively for the apex.
    func serial(of zone: DomainName) -> SOASerial? {
        guard let message = soaUDP.message, message.rcode == .noError, message.flags.contains(.aa) else { return nil }
        return message.answer.first { $0.type == .soa && $0.owner == zone }?.soa?.serial
    }

    /// The same answers filed under another name of the same address.
    func relabelled(_ server: ProbedServer) -> AddressObservation {
        var copy = self
        copy.server = server
        return copy
    }
}

enum EDNSProbe: String, Sendable, CaseIterable {
    case version1 = "version 1"
    case unknownOption = "unknown option"
    case unknownFlag = "unknown flag"
    case dnssecOK = "DO bit"
}

enum AXFROutcome: Sendable {
    case open(records: Int)
    case refused(String)
    case unavailable(String)
}
