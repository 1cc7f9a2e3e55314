import DNSCore
import DNSWardTestKit
import Foundation
import Probe
import Model

/// The lab's zones as a probe configuration: what an operator of these zones would write.
enum LabProbe {
    static let axfrAllowed: Set<DomainName> = [
        "healthy.test.", "signed.test.", "expired.test.", "bogus.test.", "serial.test.", "data.test.", "lame.test.",
        "partial.test.", "mismatch.test.", "large.test.", "redirected.test.",
    ]

    static func zone(_ name: DomainName, critical: [(String, RRType)] = []) -> ZoneTarget {
        ZoneTarget(name: name, axfrExpected: axfrAllowed.contains(name),
                   critical: critical.map { CriticalRecord(name: DomainName(stringLiteral: $0.0), type: $0.1) })
    }

    static let zones: [ZoneTarget] = [
        zone("healthy.test.", critical: [("www.healthy.test.", .a), ("www.healthy.test.", .aaaa), ("healthy.test.", .mx)]),
        zone("signed.test.", critical: [("www.signed.test.", .a)]),
        zone("expired.test."),
        zone("bogus.test."),
        zone("serial.test."),
        zone("data.test.", critical: [("www.data.test.", .a)]),
        zone("lame.test."),
        zone("partial.test."),
        zone("mismatch.test."),
        zone("noaxfr.test."),
        zone("redirected.test.", critical: [("www.redirected.test.", .a)]),
    ]

    static func configuration(zones: [ZoneTarget] = zones, resolvers: [ResolverTarget] = [],
                              diversityPrefix: Int = 32) throws -> ProbeConfiguration {
        var thresholds = Thresholds()
        // Every lab server shares 127.53.2.0/24 on one machine; the diversity rule gets its
        // own test with the real /24 default.
        thresholds.diversityIPv4Prefix = diversityPrefix
        return ProbeConfiguration(
            zones: zones, resolvers: resolvers, rootHints: try Lab.rootHints(), thresholds: thresholds,
            queryOptions: ProbeConfiguration.defaultQueryOptions, deadline: .seconds(30))
    }

    static let resolver = ResolverTarget(address: Lab.resolver, name: "lab-resolver", validating: true,
                                         dnssecCanary: "bogus.test.")
    static let liar = ResolverTarget(address: Lab.liar, name: "lab-liar")
}

extension ProbeRun {
    /// `CHECK SEVERITY reason` of the non-OK findings for one zone, as a sorted multiset.
    func problems(in zone: String) -> [String] {
        findings.filter { $0.zone == zone && $0.severity != .ok }.map { "\($0.check) \($0.severity) \($0.reason)" }.sorted()
    }
}

/// The age a YYYYMMDDnn serial reads as, computed the long way for the tests.
enum SerialAgeProbe {
    static func age(of serial: UInt32, now: Date = Date()) -> TimeInterval? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let text = String(serial)
        guard text.count == 10, let date = calendar.date(from: DateComponents(
            year: Int(text.prefix(4)), month: Int(text.dropFirst(4).prefix(2)), day: Int(text.dropFirst(6).prefix(2)))) else { return nil }
        return now.timeIntervalSince(date)
    }
}
