public import DNSCore
/// A number the probe measured about one server, for metrics and history.
public struct Measurement: Hashable, Sendable, Codable {
    public var zone: String
    public var server: String
    public var address: String
    public var transport: TransportProtocol
    /// Round-trip time in seconds of the SOA query; nil when it got no answer.
    public var rtt: Double?
    public var serial: UInt32?

    public init(zone: String, server: String, address: String, transport: TransportProtocol, rtt: Double?, serial: UInt32?) {
        self.zone = zone
        self.server = server
        self.address = address
        self.transport = transport
        self.rtt = rtt
        self.serial = serial
    }
}
