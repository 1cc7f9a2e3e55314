/// A check's stable identifier (`AUTH-SERIAL`, `REC-CORRECT`, ...): alerts, metrics and
/// reports refer to checks by it, so it never changes once published.
public struct CheckID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let authDelegation = CheckID("AUTH-DELEGATION")
    public static let authReachUDP = CheckID("AUTH-REACH-UDP")
    public static let authReachTCP = CheckID("AUTH-REACH-TCP")
    public static let authAuthority = CheckID("AUTH-AUTHORITY")
    public static let authSerial = CheckID("AUTH-SERIAL")
    public static let authData = CheckID("AUTH-DATA")
    public static let authDiversity = CheckID("AUTH-DIVERSITY")
    public static let authEDNS = CheckID("AUTH-EDNS")
    public static let authDNSSEC = CheckID("AUTH-DNSSEC")
    public static let authAXFR = CheckID("AUTH-AXFR")
    public static let authLatency = CheckID("AUTH-LATENCY")
    public static let recReach = CheckID("REC-REACH")
    public static let recCorrect = CheckID("REC-CORRECT")
    public static let recNXDomain = CheckID("REC-NXDOMAIN")
    public static let recDNSSEC = CheckID("REC-DNSSEC")
    /// The probe itself: bad configuration, deadline reached, internal error.
    public static let probe = CheckID("PROBE")
    /// The automatic switch of a zone to its backup (fallback mode), reported by the probe.
    public static let backupFallback = CheckID("BACKUP-FALLBACK")

    public static let all: [CheckID] = [
        .authDelegation, .authReachUDP, .authReachTCP, .authAuthority, .authSerial, .authData, .authDiversity,
        .authEDNS, .authDNSSEC, .authAXFR, .authLatency, .recReach, .recCorrect, .recNXDomain, .recDNSSEC, .probe, .backupFallback,
    ]

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
