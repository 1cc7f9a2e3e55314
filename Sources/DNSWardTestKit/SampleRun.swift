public import DNSCore
public import Foundation
public import Model

/// For the tests of every renderer and the history: a realistic run: five zones, IPv4 and IPv6 servers, every severity, a server that
/// refused, a retried measurement, and a zone name and message built to break formats.
public enum SampleRun {
    /// 2026-08-22T10:00:00Z
    public static let started = Date(timeIntervalSince1970: 1_787_392_800)
    /// 2026-09-01T00:00:00Z
    public static let signedExpiry = Date(timeIntervalSince1970: 1_788_220_800)
    /// 2026-08-29T12:00:00Z
    public static let trickyExpiry = Date(timeIntervalSince1970: 1_788_004_800)
    public static let trickyZone = "we\"ird\\zone\nname.test"
    public static let trickyMessage = "answer \"1.2.3.4\" \\ differs\nfrom 192.0.2.10 | and more"

    /// A finding as the probe makes it (message rendered from reason and parameters), or
    /// with `message`, as a history written by another version may hold it.
    public static func finding(
        _ check: CheckID, _ severity: Severity, _ zone: String?, _ server: String?, _ address: String?,
        _ transport: TransportProtocol? = .udp, reason: Reason, parameters: FindingParameters = [:], message: String? = nil,
        second: Double = 1
    ) -> Finding {
        let time = started.addingTimeInterval(second)
        guard let message else {
            return Finding(check: check, severity: severity, reason: reason, parameters: parameters, zone: zone,
                           server: server, address: address, transport: transport, time: time)
        }
        return Finding(check: check, severity: severity, reason: reason, parameters: parameters, zone: zone, server: server,
                       address: address, transport: transport, message: message, time: time)
    }

    public static var findings: [Finding] {
        [
            finding(.authSerial, .ok, "serial.test", "ns1.serial.test", "127.53.2.1", reason: .serialOK,
                    parameters: ["serial": .serial(2_026_082_202), "count": .integer(2)]),
            finding(.recCorrect, .critical, trickyZone, "lab-resolver", "127.53.9.1", reason: .hijack,
                    parameters: ["name": .name("www.tricky.test."), "type": .text("A"), "resolver": .text("A 1.2.3.4"),
                                 "authoritative": .list(["A 192.0.2.10"]), "quote\"key": .text("back\\slash\nline")],
                    message: trickyMessage),
            finding(.authReachUDP, .warning, "partial.test", "ns2.partial.test", "127.53.2.4", reason: .udpRefused,
                    parameters: ["error": .text("refused (ICMP port unreachable) by 127.53.2.4 over UDP"),
                                 "question": .text("partial.test. IN SOA")]),
            finding(.authSerial, .critical, "serial.test", "ns2.serial.test", "127.53.2.2", reason: .serialLag,
                    parameters: ["serial": .serial(2_026_082_201), "reference": .serial(2_026_082_202), "distance": .integer(1),
                                 "lag": .seconds(10_800), "tolerance": .seconds(3600), "expire": .seconds(7200),
                                 "referenceFirstSeen": .time(started.addingTimeInterval(-10_800))],
                    second: 2),
            finding(.authDiversity, .warning, "healthy.test", nil, nil, nil, reason: .diversityLow,
                    parameters: ["problems": .list(["one-ipv4-prefix"]), "ipv4Prefix": .integer(24), "nameCount": .integer(2),
                                 "addressCount": .integer(2)]),
            finding(.authDNSSEC, .unknown, "signed.test", "ns1.signed.test", "2001:db8:53::1", reason: .legacy,
                    message: "no DNSKEY answer"),
            finding(.authDNSSEC, .critical, "signed.test", "ns1.signed.test", "2001:db8:53::1", reason: .rrsigExpired,
                    parameters: ["problems": .list(["SOA signature expired"]), "expiredAt": .time(trickyExpiry)]),
            finding(.authEDNS, .warning, "signed.test", "ns2.signed.test", "[fd00:53::2]:5353", reason: .ednsNoncompliant,
                    parameters: ["problems": .list(["no-opt"]), "signed": .flag(true)]),
            finding(.authEDNS, .unknown, "signed.test", "ns2.signed.test", "[fd00:53::2]:5353", reason: .legacy,
                    message: "EDNS1 timed out"),
            finding(.authAXFR, .ok, "healthy.test", "ns1.healthy.test", "127.53.2.1", .tcp, reason: .axfrRefused,
                    parameters: ["detail": .text("server answered REFUSED")]),
        ]
    }

    public static var measurements: [Measurement] {
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

    public static func make(started: Date = started, findings: [Finding] = findings, measurements: [Measurement] = measurements)
        -> ProbeRun {
        ProbeRun(
            started: started, finished: started.addingTimeInterval(3.5),
            zones: ["healthy.test", "serial.test", "partial.test", "signed.test", trickyZone],
            resolvers: ["lab-resolver"], findings: findings, measurements: measurements,
            dnssecExpiry: ["signed.test": signedExpiry, trickyZone: trickyExpiry])
    }
}

/// Model's, not Foundation's unit-of-measure type.
public typealias Measurement = Model.Measurement
