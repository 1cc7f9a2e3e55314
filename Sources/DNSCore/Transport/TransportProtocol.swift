/// The wire transport a DNS message travelled over.
public enum TransportProtocol: String, Sendable, Codable, CustomStringConvertible {
    case udp
    case tcp

    public var description: String { rawValue.uppercased() }
}
