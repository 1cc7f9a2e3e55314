public import Foundation
public import DNSCore

/// One result of one check: who, what, how bad, why (a stable reason code) and the
/// evidence (typed parameters: what was asked, what came back, when).
public struct Finding: Hashable, Sendable, Codable {
    public var check: CheckID
    public var severity: Severity
    /// Why: with `parameters`, what every rendering (English here, other languages in the
    /// report) is made from.
    public var reason: Reason
    public var parameters: FindingParameters
    public var zone: String?
    /// The server's name (an NS name or a configured resolver name).
    public var server: String?
    /// The server's address in `ADDR`, `ADDR@PORT` or `[V6]:PORT` notation.
    public var address: String?
    public var transport: TransportProtocol?
    /// The English rendering of reason and parameters, for people and the status output.
    public var message: String
    public var time: Date

    /// A new finding; its message is rendered from the reason and parameters.
    public init(
        check: CheckID, severity: Severity, reason: Reason, parameters: FindingParameters = [:], zone: String? = nil,
        server: String? = nil, address: String? = nil, transport: TransportProtocol? = nil, time: Date = Date()
    ) {
        self.init(check: check, severity: severity, reason: reason, parameters: parameters, zone: zone, server: server,
                  address: address, transport: transport,
                  message: EnglishMessages.render(reason, parameters) ?? reason.rawValue, time: time)
    }

    /// A finding as it was stored, with the message it had (history, JSON read back).
    public init(
        check: CheckID, severity: Severity, reason: Reason, parameters: FindingParameters, zone: String?,
        server: String?, address: String?, transport: TransportProtocol?, message: String, time: Date
    ) {
        self.check = check
        self.severity = severity
        self.reason = reason
        self.parameters = parameters
        self.zone = zone
        self.server = server
        self.address = address
        self.transport = transport
        self.message = message
        self.time = time
    }

    /// The parameters as text (JSON schema 1's `evidence`).
    public var evidence: [String: String] { parameters.evidence }

    /// `AUTH-SERIAL CRITICAL serial.test ns2.serial.test (127.53.2.2): ...`
    public var line: String {
        var text = "\(check) \(severity)"
        if let zone { text += " \(zone)" }
        if let server { text += " \(server)" }
        if let address { text += " (\(address)\(transport.map { "/\($0.rawValue)" } ?? ""))" }
        return text + ": " + message
    }
}
