import DNSCore

/// One address of one name server of the zone: every check runs per address, so one
/// dead address is attributed to exactly one server.
struct ProbedServer: Hashable, Sendable {
    let name: DomainName
    let address: ServerAddress
}

/// What one address answered to the probe's questions about one zone.
struct AddressObservation: Sendable {
    let server: ProbedServer
    var soaUDP: ProbeClient.Outcome
    var soaTCP: ProbeClient.Outcome
    var edns: [EDNSProbe: ProbeClient.Outcome] = [:]
    /// Critical names and types, RD=0.
    var data: [CriticalRecord: ProbeClient.Outcome] = [:]
    var dnskey: ProbeClient.Outcome?
    var soaSigned: ProbeClient.Outcome?
    var axfr: AXFROutcome?

    /// The SOA serial when this address answered authoritatively for the apex.
    func serial(of zone: DomainName) -> SOASerial? {
        guard let message = soaUDP.message, message.rcode == .noError, message.flags.contains(.aa) else { return nil }
        return message.answer.first { $0.type == .soa && $0.owner == zone }?.soa?.serial
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
