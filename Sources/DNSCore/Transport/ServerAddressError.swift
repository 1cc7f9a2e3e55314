/// Why a server address could not be accepted.
public struct ServerAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        case empty
        case invalidAddress
        case invalidPort
    }

    public let input: String
    public let reason: Reason

    public init(input: String, reason: Reason) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty:
            return "empty server address"
        case .invalidAddress:
            return "invalid server address \"\(input)\" (expected a numeric IPv4 or IPv6 address)"
        case .invalidPort:
            return "invalid port in server address \"\(input)\" (expected 1-65535)"
        }
    }
}
