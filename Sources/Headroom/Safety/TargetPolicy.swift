public import DNSCore
import Glibc

/// Who may be loaded: loopback always; any other address only when the configuration's
/// `headroom.allow` lists it (an address or a CIDR prefix), because a person must own
/// the target of a load test.
public struct TargetPolicy: Sendable {
    public let allowed: [String]

    /// Entries are checked here so a typo fails before any load is sent.
    public init(allow: [String]) throws {
        for entry in allow where Self.prefix(entry) == nil {
            throw HeadroomError(.input, "headroom.allow: '\(entry)' is not an address or ADDRESS/PREFIX")
        }
        allowed = allow
    }

    public func check(_ target: ServerAddress) throws {
        if target.isLoopback { return }
        guard let bytes = Self.bytes(of: target.host) else {
            throw HeadroomError(.notAllowed, "\(target): not a numeric address")
        }
        for entry in allowed {
            guard let (network, length) = Self.prefix(entry), network.count == bytes.count else { continue }
            if Self.matches(bytes, network, length) { return }
        }
        throw HeadroomError(.notAllowed,
                            "\(target.host) is not loopback and not listed in headroom.allow of the configuration: only load servers you own")
    }

    static func prefix(_ entry: String) -> ([UInt8], Int)? {
        let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
        guard let bytes = bytes(of: parts[0]) else { return nil }
        let maximum = bytes.count * 8
        guard parts.count == 2 else { return (bytes, maximum) }
        guard let length = Int(parts[1]), (0...maximum).contains(length) else { return nil }
        return (bytes, length)
    }

    static func bytes(of host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func matches(_ address: [UInt8], _ network: [UInt8], _ length: Int) -> Bool {
        var remaining = length
        for index in 0..<address.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
