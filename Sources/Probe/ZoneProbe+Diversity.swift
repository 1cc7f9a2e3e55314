import DNSCore
#if canImport(Glibc)
import Glibc
#endif
import Model

/// AUTH-DIVERSITY (RFC 2182): two names, two addresses, not all in one network.
extension ZoneProbe {
    func judgeDiversity(_ servers: [ProbedServer]) -> [Finding] {
        var problems: [String] = []
        let names = Set(servers.map(\.name))
        let addresses = Set(servers.map(\.address.host))
        if names.count < 2 { problems.append("one-name") }
        if addresses.count < 2 { problems.append("one-address") }
        let limits = configuration.thresholds
        let v4 = addresses.filter { !$0.contains(":") }
        let v6 = addresses.filter { $0.contains(":") }
        if v4.count > 1, Set(v4.compactMap { Self.prefix($0, bits: limits.diversityIPv4Prefix) }).count == 1 {
            problems.append("one-ipv4-prefix")
        }
        if v6.count > 1, Set(v6.compactMap { Self.prefix($0, bits: limits.diversityIPv6Prefix) }).count == 1 {
            problems.append("one-ipv6-prefix")
        }
        let counts: FindingParameters = ["nameCount": .integer(names.count), "addressCount": .integer(addresses.count)]
        if problems.isEmpty {
            return [finding(.authDiversity, .ok, .diversityOK, counts)]
        }
        var parameters = counts
        parameters["problems"] = .list(problems)
        parameters["ipv4Prefix"] = .integer(limits.diversityIPv4Prefix)
        parameters["ipv6Prefix"] = .integer(limits.diversityIPv6Prefix)
        parameters["addresses"] = .list(addresses.sorted())
        return [finding(.authDiversity, .warning, .diversityLow, parameters)]
    }

    /// The first `bits` bits of an address, as bytes.
    static func prefix(_ address: String, bits: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let family = address.contains(":") ? AF_INET6 : AF_INET
        guard bytes.withUnsafeMutableBytes({ inet_pton(family, address, $0.baseAddress) }) == 1 else { return nil }
        let length = family == AF_INET ? 4 : 16
        var result = Array(bytes.prefix(length))
        let keep = max(0, min(bits, length * 8))
        for index in 0..<length {
            let bitsHere = max(0, min(8, keep - index * 8))
            result[index] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        return result
    }
}
