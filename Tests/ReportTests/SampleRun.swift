import DNSCore
import Foundation

/// A realistic run: five zones, IPv4 and IPv6 servers, every severity, a server that
/// refused, a retried measurement, and a zone name and message built to break formats.
enum SampleRun {
    /// 2026-08-22T10:00:00Z
    static let started = Date(timeIntervalSince1970: 1_787_392_800)
    /// 2026-09-01T00:00:00Z
    static let signedExpiry = Date(timeIntervalSince1970: 1_788_220_800)
    /// 2026-08-29T12:00:00Z
    static let trickyExpiry = Date(timeIntervalSince1970: 1_788_004_800)
    static let trickyZone = "we\"ird\\zone\nname.test"
    static let trickyMessage = "answer \"1.2.3.4\" \\ differs\nfrom 192.0.2.10 | and more"

    static func finding(
        _ check: CheckID, _ severity: Severity, _ zone: String?, _ server: String?, _ address: String?,
        _ transport: TransportProtocol? = .udp, message: String, evidence: [String: String] = [:], second: Double = 1
    ) -> Finding {
        Finding(check: check, severity: severity, zone: zone, server: server, address: address,
                transport: transport, message: message, evidence: evidence,
                time: started.addingTimeInterval(second))
    }

    static var findings: [Finding] {
        [
            finding(.authSerial, .ok, "serial.test", "ns1.serial.test", "127.53.2.1", message: "serial 2026082202"),
            finding(.recCorrect, .critical, trickyZone, "lab-resolver", "127.53.9.1", message: trickyMessage,
                    evidence: ["resolver": "A 1.2.3.4", "authoritative": "A 192.0.2.10", "quote\"key": "back\\slash\nline"]),
            finding(.authReachUDP, .warning, "partial.test", "ns2.partial.test", "127.53.2.4",
                    message: "refused (ICMP port unreachable)", evidence: ["question": "partial.test. IN SOA"]),
            finding(.authSerial, .critical, "serial.test", "ns2.serial.test", "127.53.2.2",
                    message: "serial 2026082201 is 1 behind 2026082202 for 3h",
                    evidence: ["serial": "2026082201", "reference": "2026082202"], second: 2),
            finding(.authDiversity, .warning, "healthy.test", nil, nil, nil, message: "all IPv4 addresses in 127.53.2.0/24"),
            finding(.authDNSSEC, .unknown, "signed.test", "ns1.signed.test", "2001:db8:53::1", message: "no DNSKEY answer"),
            finding(.authDNSSEC, .critical, "signed.test", "ns1.signed.test", "2001:db8:53::1", message: "RRSIG expired"),
            finding(.authEDNS, .warning, "signed.test", "ns2.signed.test", "[fd00:53::2]:5353", message: "OPT missing"),
            finding(.authEDNS, .unknown, "signed.test", "ns2.signed.test", "[fd00:53::2]:5353", message: "EDNS1 timed out"),
            finding(.authAXFR, .ok, "healthy.test", "ns1.healthy.test", "127.53.2.1", .tcp, message: "AXFR refused"),
        ]
    }

    static var measurements: [Measurement] {
        [
            Measurement(zone: "serial.test", server: "ns1.serial.test", address: "127.53.2.1", transport: .udp,
                        rtt: 0.0011, serial: 2_026_082_202),
            Measurement(zone: "serial.test", server: "ns1.serial.test", address: "127.53.2.1", transport: .tcp,
                        rtt: 0.0023, serial: 2_026_082_202),
            Measurement(zone: "serial.test", server: "ns2.serial.test", address: "127.53.2.2", transport: .udp,
                        rtt: 0.0009, serial: 2_026_082_201),
            // A retry of the same query: the slower one must be the one exposed.
            Measurement(zone: "serial.test", server: "ns2.serial.test", address: "127.53.2.2", transport: .udp,
                        rtt: 0.0031, serial: 2_026_082_201),
            Measurement(zone: "signed.test", server: "ns1.signed.test", address: "2001:db8:53::1", transport: .udp,
                        rtt: 0.012, serial: 7),
            // TCP alone answered: its serial stands in.
            Measurement(zone: "signed.test", server: "ns2.signed.test", address: "[fd00:53::2]:5353", transport: .udp,
                        rtt: nil, serial: nil),
            Measurement(zone: "signed.test", server: "ns2.signed.test", address: "[fd00:53::2]:5353", transport: .tcp,
                        rtt: 0.02, serial: 7),
            Measurement(zone: "partial.test", server: "ns2.partial.test", address: "127.53.2.4", transport: .udp,
                        rtt: nil, serial: nil),
            Measurement(zone: trickyZone, server: "ns1.tricky.test", address: "127.53.2.9", transport: .udp,
                        rtt: 0.5, serial: 1),
        ]
    }

    static func make(started: Date = started, findings: [Finding] = findings, measurements: [Measurement] = measurements)
        -> ProbeRun {
        ProbeRun(
            started: started, finished: started.addingTimeInterval(3.5),
            zones: ["healthy.test", "serial.test", "partial.test", "signed.test", trickyZone],
            resolvers: ["lab-resolver"], findings: findings, measurements: measurements,
            dnssecExpiry: ["signed.test": signedExpiry, trickyZone: trickyExpiry])
    }
}

/// DNSCore's, not Foundation's unit-of-measure type.
typealias Measurement = DNSCore.Measurement
