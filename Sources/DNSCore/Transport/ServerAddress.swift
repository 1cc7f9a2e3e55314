import Glibc

/// A DNS server to talk to: a numeric IP address and a port.
///
/// Only numeric addresses are accepted because the transport must never
/// depend on name resolution (a checker resolving names through the very
/// servers it is checking would be circular).
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The numeric IPv4 or IPv6 address exactly as given (no brackets).
    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16 = 53) throws(ServerAddressError) {
        guard port != 0 else {
            throw ServerAddressError(input: host, reason: .invalidPort)
        }
        guard Self.addressFamily(of: host) != nil else {
            throw ServerAddressError(input: host, reason: .invalidAddress)
        }
        self.host = host
        self.port = port
    }

    /// Accepts `ADDR`, `ADDR@PORT`, `[V6]`, `[V6]:PORT`, bare `V6` and `V6@PORT`.
    ///
    /// `V6:PORT` without brackets is rejected rather than guessed at, since
    /// the last group of an IPv6 address is indistinguishable from a port.
    public init(parsing text: String, defaultPort: UInt16 = 53) throws(ServerAddressError) {
        let trimmed = text.trimmingASCIIWhitespace()
        func fail(_ reason: ServerAddressError.Reason) -> ServerAddressError {
            ServerAddressError(input: text, reason: reason)
        }
        guard !trimmed.isEmpty else { throw fail(.empty) }

        var hostPart: Substring
        var portPart: Substring?
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw fail(.invalidAddress) }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" || rest.first == "@" else { throw fail(.invalidAddress) }
                portPart = rest.dropFirst()
            }
            // Brackets exist to disambiguate IPv6; allowing "[1.2.3.4]" would
            // only invite inconsistent spellings of the same server.
            guard Self.addressFamily(of: String(hostPart)) == AF_INET6 else { throw fail(.invalidAddress) }
        } else if let at = trimmed.firstIndex(of: "@") {
            hostPart = trimmed[..<at]
            portPart = trimmed[trimmed.index(after: at)...]
        } else {
            hostPart = trimmed[...]
        }

        var port = defaultPort
        if let portPart {
            guard let parsed = Self.parsePort(portPart) else { throw fail(.invalidPort) }
            port = parsed
        }
        guard port != 0 else { throw fail(.invalidPort) }
        guard Self.addressFamily(of: String(hostPart)) != nil else { throw fail(.invalidAddress) }
        self.host = String(hostPart)
        self.port = port
    }

    public var isIPv6: Bool { Self.addressFamily(of: host) == AF_INET6 }

    /// Round-trips through `init(parsing:)`; the default port is left out so
    /// that the common case reads like an address and nothing more.
    public var description: String {
        if port == 53 { return host }
        return isIPv6 ? "[\(host)]:\(port)" : "\(host)@\(port)"
    }

    /// 127.0.0.0/8, ::1, and IPv4-mapped 127.0.0.0/8 (which the kernel routes
    /// to the IPv4 loopback as well).
    public var isLoopback: Bool {
        guard let bytes = Self.addressBytes(of: host) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] { return true }
        let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        return Array(bytes[0..<12]) == mappedPrefix && bytes[12] == 127
    }

    // Encoded as the human-readable form so that stored results stay
    // readable and a decoded value is validated like any other input.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Helpers

    static func addressFamily(of host: String) -> Int32? {
        guard let bytes = addressBytes(of: host) else { return nil }
        return bytes.count == 4 ? AF_INET : AF_INET6
    }

    /// Network-order address bytes, or nil when `host` is not numeric.
    static func addressBytes(of host: String) -> [UInt8]? {
        // inet_pton accepts no surrounding junk, which is exactly the strictness wanted here.
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func parsePort(_ text: Substring) -> UInt16? {
        // UInt16(_:) would accept "+53"; ports are plain digits only.
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = UInt32(text), value <= UInt32(UInt16.max) else { return nil }
        return UInt16(value)
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
