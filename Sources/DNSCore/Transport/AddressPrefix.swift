/// An address prefix in CIDR notation (`127.0.0.0/8`, `::1`, `2001:db8::/32`): a bare
/// address is the prefix of that one address.
public struct AddressPrefix: Hashable, Sendable, CustomStringConvertible {
    /// Network-order bytes with every bit past `length` cleared: 4 for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    public let length: Int

    public init(parsing text: String) throws(DNSCoreError) {
        let trimmed = text.trimmingCharacters(in: " \t")
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = ServerAddress.addressBytes(of: String(parts[0])) else {
            throw DNSCoreError(.invalidArgument, "not an address prefix: '\(trimmed)' (write ADDRESS or ADDRESS/LENGTH, e.g. 127.0.0.0/8 or ::1)")
        }
        let bits = address.count * 8
        var length = bits
        if parts.count == 2 {
            // Int(_:) would accept "+8"; a prefix length is plain digits.
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let parsed = Int(parts[1]), parsed <= bits else {
                throw DNSCoreError(.invalidArgument, "not an address prefix: '\(trimmed)' (the length after / must be 0 to \(bits))")
            }
            length = parsed
        }
        self.length = length
        bytes = Self.masked(address, to: length)
    }

    /// True when `address` (network-order bytes) lies inside the prefix. An IPv4-mapped
    /// IPv6 address (`::ffff:127.0.0.1`) reaches the IPv4 host, so it counts as that host.
    func contains(_ address: [UInt8]) -> Bool {
        var candidate = address
        if candidate.count == 16, bytes.count == 4, candidate[0..<12].elementsEqual(Self.mappedPrefix) {
            candidate = Array(candidate[12...])
        }
        guard candidate.count == bytes.count else { return false }
        return Self.masked(candidate, to: length) == bytes
    }

    public var description: String {
        let address = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : Self.ipv6Text(bytes)
        return length == bytes.count * 8 ? address : "\(address)/\(length)"
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    private static func masked(_ address: [UInt8], to length: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let keep = min(max(length - index * 8, 0), 8)
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
    }

    /// RFC 5952 text: lower-case hex groups, the longest run of zero groups as "::".
    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best = (start: -1, count: 0)
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < groups.count && groups[end] == 0 { end += 1 }
            if end - index > best.count && end - index > 1 { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.count)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
