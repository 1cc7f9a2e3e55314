public import Foundation

/// One result of one check: who, what, how bad, and the evidence (what was asked, what
/// came back, when).
public struct Finding: Hashable, Sendable, Codable {
    public var check: CheckID
    public var severity: Severity
    public var zone: String?
    /// The server's name (an NS name or a configured resolver name).
    public var server: String?
    /// The server's address in `ADDR`, `ADDR@PORT` or `[V6]:PORT` notation.
    public var address: String?
    public var transport: TransportProtocol?
    /// One line for people and for the status output.
    public var message: String
    /// Evidence: the question asked, the answers compared, timings. Free-form, stable keys.
    public var evidence: [String: String]
    public var time: Date

    public init(
        check: CheckID, severity: Severity, zone: String? = nil, server: String? = nil, address: String? = nil,
        transport: TransportProtocol? = nil, message: String, evidence: [String: String] = [:], time: Date = Date()
    ) {
        self.check = check
        self.severity = severity
        self.zone = zone
        self.server = server
        self.address = address
        self.transport = transport
        self.message = message
        self.evidence = evidence
        self.time = time
    }

    /// `AUTH-SERIAL CRITICAL serial.test ns2.serial.test (127.53.2.2): ...`
    public var line: String {
        var text = "\(check) \(severity)"
        if let zone { text += " \(zone)" }
        if let server { text += " \(server)" }
        if let address { text += " (\(address)\(transport.map { "/\($0.rawValue)" } ?? ""))" }
        return text + ": " + message
    }
}
